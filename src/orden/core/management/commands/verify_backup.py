"""Prove that a backup restores: back the database up the documented way, restore it into an empty
database, and compare every table (its row count and a SHA-256 of its rows in primary-key order).

PostgreSQL: ``pg_dump --format=custom`` taken from an exported snapshot, ``pg_restore`` into a new
database; SQLite: the online backup API, restored into a new file. The source is read in the same snapshot
as the dump, so the comparison holds while Orden keeps writing. See docs/operations.md, "Backup and restore".
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections

from orden.core import postgres

BATCH = 5000


@dataclass(frozen=True)
class Digest:
    """One table's content: how many rows, and a SHA-256 of every row in primary-key order."""

    rows: int
    sha256: str


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def digest_rows(cursor) -> Digest:
    """Hash the rows a cursor yields; bytes are hashed as bytes, everything else by its repr (both sides are
    read through the same driver, so equal values have equal reprs)."""
    sha = hashlib.sha256()
    rows = 0
    while batch := cursor.fetchmany(BATCH):
        for row in batch:
            values = tuple(bytes(value) if isinstance(value, memoryview) else value for value in row)
            sha.update(repr(values).encode())
            sha.update(b"\n")
        rows += len(batch)
    return Digest(rows, sha.hexdigest())


# SQLite


def sqlite_tables(conn) -> dict[str, list[str]]:
    """Every table with the columns to order it by: its primary key, or all columns when it has none
    (``sqlite_sequence``, which holds the AUTOINCREMENT counters, is compared too)."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND (name NOT LIKE 'sqlite_%' "
            "OR name = 'sqlite_sequence') ORDER BY name"
        )
    ]
    tables = {}
    for name in names:
        columns = list(conn.execute(f"PRAGMA table_info({quote(name)})"))
        primary = [column[1] for column in sorted(columns, key=lambda column: column[5]) if column[5]]
        tables[name] = primary or [column[1] for column in columns]
    return tables


def sqlite_digests(conn) -> dict[str, Digest]:
    digests = {}
    for table, order in sqlite_tables(conn).items():
        cursor = conn.execute(f"SELECT * FROM {quote(table)} ORDER BY {', '.join(map(quote, order))}")
        digests[table] = digest_rows(cursor)
    return digests


def sqlite_backup(source, path: Path) -> None:
    """The online backup (what ``sqlite3 orden.sqlite3 ".backup FILE"`` does): consistent while others
    write, also in WAL mode. One step, so it is one snapshot."""
    target = sqlite3.connect(path)
    try:
        source.backup(target)
    finally:
        target.close()


def sqlite_restore(backup: Path, path: Path) -> None:
    """Restore into an empty database file (``sqlite3 NEW ".restore FILE"``)."""
    source = sqlite3.connect(backup)
    try:
        sqlite_backup(source, path)
    finally:
        source.close()


# PostgreSQL


def pg_environment(settings_dict: dict, name: str | None = None) -> dict[str, str]:
    """The libpq variables for the pg_* tools, from Django's settings of the database."""
    env = dict(os.environ)
    pairs = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": name or settings_dict.get("NAME"),
        "PGSSLMODE": settings_dict.get("OPTIONS", {}).get("sslmode"),
    }
    env.update({key: str(value) for key, value in pairs.items() if value})
    return env


def pg_connect(settings_dict: dict, name: str | None = None, **kwargs):
    env = pg_environment(settings_dict, name)
    return postgres.connect(
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
        dbname=env["PGDATABASE"],
        sslmode=env.get("PGSSLMODE"),
        **kwargs,
    )


def pg_tables(conn) -> dict[str, list[str]]:
    """Every table of the current schema with its primary-key columns (all columns when it has none)."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        ).fetchall()
    ]
    tables = {}
    for name in names:
        primary = [
            row[0]
            for row in conn.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = %s::regclass AND i.indisprimary "
                "ORDER BY array_position(i.indkey, a.attnum)",
                [quote(name)],
            ).fetchall()
        ]
        if not primary:
            primary = [
                row[0]
                for row in conn.execute(
                    "SELECT attname FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0 "
                    "AND NOT attisdropped ORDER BY attnum",
                    [quote(name)],
                ).fetchall()
            ]
        tables[name] = primary
    return tables


def pg_digests(conn) -> dict[str, Digest]:
    """Read inside the connection's current transaction, through server-side cursors."""
    digests = {}
    for table, order in pg_tables(conn).items():
        with conn.cursor(name=f"verify_{len(digests)}") as cursor:
            cursor.itersize = BATCH
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {', '.join(map(quote, order))}")
            digests[table] = digest_rows(cursor)
    # The sequences too: a restored database must hand out new ids after the old ones.
    rows = conn.execute(
        "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema() ORDER BY 1"
    ).fetchall()
    digests["(sequences)"] = Digest(len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return digests


def run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode:
        raise CommandError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()}")


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump --format=custom, or SQLite's online backup), restore it into an empty "
        "database, and check that every table has the same rows: count and checksum, table by table."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database alias (default: default).")
        parser.add_argument(
            "--directory", help="Where to write the backup file (default: a temporary directory, removed after)."
        )
        parser.add_argument(
            "--keep", action="store_true", help="Keep the backup file and the restored database, and print where."
        )

    def handle(self, *args, database, directory=None, keep=False, **options):
        connection = connections[database]
        work = Path(directory) if directory else Path(tempfile.mkdtemp(prefix="orden-backup-"))
        work.mkdir(parents=True, exist_ok=True)
        try:
            if connection.vendor == "postgresql":
                result = self.round_trip_postgresql(connection, work, keep)
            elif connection.vendor == "sqlite":
                result = self.round_trip_sqlite(connection, work, keep)
            else:
                raise CommandError(f"No backup procedure for {connection.vendor}.")
        finally:
            if not keep and not directory:
                shutil.rmtree(work, ignore_errors=True)
        self.report(*result)

    def round_trip_sqlite(self, connection, work: Path, keep: bool):
        backup, restored = work / "orden-backup.sqlite3", work / "orden-restored.sqlite3"
        for path in (backup, restored):
            path.unlink(missing_ok=True)
        connection.ensure_connection()
        source = connection.connection
        # One read transaction around the backup and the reading of the source: both see one snapshot.
        own_transaction = not connection.in_atomic_block
        if own_transaction:
            source.execute("BEGIN")
        try:
            started = time.monotonic()
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()
            sqlite_backup(source, backup)
            dumped = time.monotonic()
            sqlite_restore(backup, restored)
            restored_at = time.monotonic()
            before = sqlite_digests(source)
        finally:
            if own_transaction:
                source.execute("COMMIT")
        # Read with the converters Django's connection uses, so equal values come back as equal objects.
        target = sqlite3.connect(restored, detect_types=connection.get_connection_params().get("detect_types", 0))
        try:
            after = sqlite_digests(target)
        finally:
            target.close()
        compared = time.monotonic()
        if keep:
            self.stdout.write(f"Backup: {backup}\nRestored: {restored}")
        else:
            restored.unlink(missing_ok=True)
        timing = {"backup": dumped - started, "restore": restored_at - dumped, "compare": compared - restored_at}
        return before, after, timing, backup.stat().st_size

    def round_trip_postgresql(self, connection, work: Path, keep: bool):
        settings_dict = connection.settings_dict
        dump = work / "orden.dump"
        target_name = f"{settings_dict['NAME']}_restored_{os.getpid()}"[:63]
        own = (f"{settings_dict['NAME']}_restored_"[:63],)  # the only databases this command drops
        import psycopg
        import psycopg.conninfo

        source = pg_connect(settings_dict)
        try:
            # pg_dump reads the snapshot this transaction exported; the source is then read in it too.
            source.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            source.read_only = True
            snapshot = source.execute("SELECT pg_export_snapshot()").fetchone()[0]
            started = time.monotonic()
            run(
                ["pg_dump", "--format=custom", f"--file={dump}", f"--snapshot={snapshot}", "--no-password"],
                pg_environment(settings_dict),
            )
            dumped = time.monotonic()
            with pg_connect(settings_dict, autocommit=True) as admin:
                postgres.create_database(admin, target_name, fresh=True, prefixes=own, template="template0")
            try:
                # pg_restore writes a script unless --dbname is given, and reads a name with "=" in it as a
                # connection string: give it one that names the database (PGDATABASE holds it too).
                target = psycopg.conninfo.make_conninfo(dbname=target_name)
                run(
                    ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={target}"]
                    + ["--no-password", str(dump)],
                    pg_environment(settings_dict, target_name),
                )
                restored_at = time.monotonic()
                before = pg_digests(source)
                with pg_connect(settings_dict, target_name) as target:
                    after = pg_digests(target)
            finally:
                if not keep:
                    with pg_connect(settings_dict, autocommit=True) as admin:
                        postgres.drop_database(admin, target_name, prefixes=own)
        finally:
            source.close()
        compared = time.monotonic()
        if keep:
            self.stdout.write(f"Backup: {dump}\nRestored: database {target_name}")
        timing = {"backup": dumped - started, "restore": restored_at - dumped, "compare": compared - restored_at}
        return before, after, timing, dump.stat().st_size

    def report(self, before: dict[str, Digest], after: dict[str, Digest], timing: dict, size: int):
        differences = []
        width = max(map(len, before | after))
        self.stdout.write(f"{'table':<{width}}  {'rows':>9}  {'restored':>9}  sha256 (first 16)  equal")
        for table in sorted(before | after):
            old, new = before.get(table), after.get(table)
            equal = old == new
            if not equal:
                differences.append(table)
            self.stdout.write(
                f"{table:<{width}}  {old.rows if old else '-':>9}  {new.rows if new else '-':>9}  "
                f"{(old or new).sha256[:16]}  {'yes' if equal else 'NO'}"
            )
        rows = sum(digest.rows for table, digest in before.items() if not table.startswith("("))
        tables = sum(1 for table in before if not table.startswith("("))
        self.stdout.write(
            f"{tables} tables, {rows} rows; backup {timing['backup']:.1f} s ({size / 1e6:.1f} MB), "
            f"restore {timing['restore']:.1f} s, compare {timing['compare']:.1f} s."
        )
        if differences:
            raise CommandError(f"The restored database differs in {len(differences)}: {', '.join(differences)}")
        self.stdout.write(self.style.SUCCESS("The restored database is identical to the source."))
