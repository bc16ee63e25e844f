"""The backup procedure restores everything: `verify_backup` backs up the test database (the demo data), restores
it into an empty database and compares every table. On SQLite, and on PostgreSQL when DATABASE_URL points there
(pg_dump and pg_restore from the PostgreSQL client packages)."""

import re
import shutil
import sqlite3
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection

from orden.core.management.commands.verify_backup import Command, sqlite_digests

# The data must be committed for pg_dump, which reads through its own connection.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    call_command("seed", size="demo", stdout=StringIO())


def test_a_backup_restores_every_table_with_the_same_rows(demo, tmp_path):
    if connection.vendor == "postgresql" and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump and pg_restore are not installed (Debian: apt-get install postgresql-client)")
    out = StringIO()
    call_command("verify_backup", directory=str(tmp_path), stdout=out)
    report = out.getvalue()
    assert "The restored database is identical to the source." in report
    # Every model's table is in the report, with the source's row count on both sides.
    for model in apps.get_models(include_auto_created=True):
        count = model._base_manager.count()
        assert re.search(rf"^{model._meta.db_table}\s+{count}\s+{count}\s+[0-9a-f]{{16}}\s+yes$", report, re.M), (
            model._meta.db_table
        )
    assert apps.get_model("portfolio", "System")._base_manager.count() > 100


@pytest.mark.skipif(connection.vendor != "sqlite", reason="edits the restored SQLite file")
def test_a_changed_row_in_the_restored_database_is_reported(demo, tmp_path):
    call_command("verify_backup", directory=str(tmp_path), keep=True, stdout=StringIO())
    restored = sqlite3.connect(tmp_path / "orden-restored.sqlite3")
    before = sqlite_digests(restored)
    restored.execute("UPDATE portfolio_system SET name = name || '.' WHERE id = (SELECT min(id) FROM portfolio_system)")
    restored.commit()
    after = sqlite_digests(restored)
    restored.close()
    changed = {table for table in before if before[table] != after[table]}
    assert changed == {"portfolio_system"}
    assert before["portfolio_system"].rows == after["portfolio_system"].rows
    with pytest.raises(CommandError, match="differs in 1: portfolio_system"):
        Command(stdout=StringIO()).report(before, after, {"backup": 0, "restore": 0, "compare": 0}, 0)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_restore's --dbname on PostgreSQL")
def test_a_database_name_with_an_equals_sign_restores(tmp_path):
    """pg_restore reads a --dbname containing "=" as a connection string: the name must still be the name."""
    from types import SimpleNamespace

    from orden.core import postgres

    settings_dict = {**connection.settings_dict, "NAME": f"{connection.settings_dict['NAME']}_a=b"}
    with postgres.connect_maintenance(
        host=settings_dict["HOST"] or None, port=settings_dict["PORT"] or None, user=settings_dict["USER"] or None
    ) as admin:
        prefixes = (settings_dict["NAME"],)
        postgres.create_database(admin, settings_dict["NAME"], fresh=True, prefixes=prefixes)
        try:
            with postgres.connect(
                dbname=settings_dict["NAME"],
                host=settings_dict["HOST"] or None,
                port=settings_dict["PORT"] or None,
                user=settings_dict["USER"] or None,
            ) as source:
                source.execute("CREATE TABLE kept (id integer PRIMARY KEY, name text)")
                source.execute("INSERT INTO kept VALUES (1, 'Vinje'), (2, 'Tokke')")
            command = Command(stdout=StringIO())
            before, after, _timing, _size = command.round_trip_postgresql(
                SimpleNamespace(settings_dict=settings_dict), tmp_path, keep=False
            )
        finally:
            postgres.drop_database(admin, settings_dict["NAME"], prefixes=prefixes)
    assert before["kept"].rows == 2 and before == after
