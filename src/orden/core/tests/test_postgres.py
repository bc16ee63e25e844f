"""The safety rules of ``core.postgres``: no drop of a database that is not the tool's own, and which servers
count as this machine. No server needed: every refusal comes before a statement is sent."""

import pytest

from orden.core import postgres


class Recorder:
    """Stands in for an autocommit connection: records what would be executed."""

    def __init__(self):
        self.statements = []

    def execute(self, sql):
        self.statements.append(sql)


@pytest.mark.parametrize("name", ["orden", "production", "postgres", "old_orden_bench", "orden_loadfault"])
def test_a_drop_of_a_name_without_the_tools_prefix_is_refused(name):
    conn = Recorder()
    with pytest.raises(postgres.UnsafeDatabase, match="--force-drop"):
        postgres.drop_database(conn, name, prefixes=("orden_bench", "orden_http"))
    with pytest.raises(postgres.UnsafeDatabase):
        postgres.create_database(conn, name, fresh=True, prefixes=("orden_http",))
    assert conn.statements == []


def test_the_tools_own_database_or_force_is_dropped_and_created():
    conn = Recorder()
    postgres.create_database(conn, "orden_loadfault_ci", fresh=True, prefixes=("orden_loadfault",))
    postgres.drop_database(conn, "orden", prefixes=("orden_bench",), force=True)
    assert conn.statements == [
        'DROP DATABASE IF EXISTS "orden_loadfault_ci" WITH (FORCE)',
        'CREATE DATABASE "orden_loadfault_ci"',
        'DROP DATABASE IF EXISTS "orden" WITH (FORCE)',
    ]


@pytest.mark.parametrize("name", ['orden_bench"; DROP DATABASE orden; --', "Orden_Bench", "", "orden bench"])
def test_a_name_that_is_not_plain_is_refused_by_check_name(name):
    with pytest.raises(postgres.UnsafeDatabase, match="plain"):
        postgres.check_name(name)


def test_any_other_name_is_quoted():
    conn = Recorder()
    postgres.drop_database(conn, 'orden_bench"; DROP DATABASE orden; --', prefixes=("orden_bench",))
    assert conn.statements == ['DROP DATABASE IF EXISTS "orden_bench""; DROP DATABASE orden; --" WITH (FORCE)']


@pytest.mark.parametrize(
    "conninfo, loopback",
    [
        ("postgresql://postgres@127.0.0.1:5432", True),
        ("postgresql://postgres@127.0.0.2", True),
        ("postgresql://postgres@localhost/x", True),
        ("postgresql://postgres@[::1]:5432", True),
        ("host=/var/run/postgresql user=postgres", True),
        ("postgresql://postgres@10.0.0.5:5432", False),
        ("postgresql://postgres@db.example.org", False),
        ("postgresql://postgres@127.0.0.1,10.0.0.5", False),
        ("host=localhost hostaddr=192.168.1.4", False),
    ],
)
def test_only_servers_on_this_machine_are_loopback(conninfo, loopback, monkeypatch):
    monkeypatch.delenv("PGHOST", raising=False)
    assert postgres.is_loopback(conninfo) is loopback


def test_no_host_means_pghost(monkeypatch):
    monkeypatch.setenv("PGHOST", "10.1.2.3")
    assert not postgres.is_loopback("postgresql:///orden")
    monkeypatch.delenv("PGHOST")
    assert postgres.is_loopback("postgresql:///orden")
