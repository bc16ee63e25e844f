"""scripts/loadfault.py drops and creates its database: only on a loopback server and only a database of its own
(a name starting orden_loadfault) unless --force-drop. Both refusals come before any connection, so no server is
needed here; the full run is test_loadfault.py."""

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "loadfault.py"


@pytest.fixture(scope="module")
def loadfault():
    spec = importlib.util.spec_from_file_location("loadfault", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("server", ["postgresql://postgres@10.0.0.5:5432", "postgresql://postgres@db.example.org"])
def test_a_server_off_this_machine_is_refused(loadfault, server):
    with pytest.raises(loadfault.SetupError, match="loopback server only"):
        loadfault.create_database(server, "orden_loadfault")


@pytest.mark.parametrize("name", ["orden", "orden_bench", "test_orden"])
def test_a_database_not_its_own_is_not_dropped(loadfault, name):
    # An unused port: were the refusal to come after connecting, this would fail as a connection error instead.
    with pytest.raises(loadfault.SetupError, match="refusing to drop the database"):
        loadfault.create_database("postgresql://postgres@127.0.0.1:1", name)
