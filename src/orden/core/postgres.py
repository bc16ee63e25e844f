"""PostgreSQL administration for the tools that make databases of their own (``bench``, ``bench_http``,
``verify_backup``, scripts/loadfault.py): a connection, one to the maintenance database, and creating or
dropping a database.

A drop is ``WITH (FORCE)`` (it ends every session on the database), so it refuses any name that does not start
with one of the calling tool's own prefixes unless ``force`` is given: a mistyped ``--database`` must not
remove someone's data. No Django here, so a script can use it before Django is set up.
"""

from __future__ import annotations

import ipaddress
import os
import re

MAINTENANCE_DATABASE = "postgres"
PLAIN_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


class UnsafeDatabase(ValueError):
    """A database name or server the caller must not touch."""


def connect(conninfo: str = "", **kwargs):
    """A psycopg connection from a URL or ``key=value`` string and/or keywords (keywords win; None is left
    out), with a 5-second connect timeout unless given."""
    import psycopg

    kwargs.setdefault("connect_timeout", 5)
    return psycopg.connect(conninfo, **kwargs)


def connect_maintenance(conninfo: str = "", **kwargs):
    """An autocommit connection to the server's maintenance database, for CREATE and DROP DATABASE."""
    return connect(conninfo, **{**kwargs, "dbname": MAINTENANCE_DATABASE, "autocommit": True})


def is_loopback(conninfo: str = "", **kwargs) -> bool:
    """Whether every host the connection would reach is on this machine: a loopback address, ``localhost`` or
    a Unix socket (a path, or no host at all)."""
    from psycopg.conninfo import conninfo_to_dict

    params = conninfo_to_dict(conninfo, **kwargs)
    hosts = [params.get("host") or os.environ.get("PGHOST", ""), params.get("hostaddr", "")]
    for host in (part.strip() for value in hosts for part in str(value).split(",")):
        if not host or host.startswith("/") or host == "localhost":
            continue
        try:
            if not ipaddress.ip_address(host).is_loopback:
                return False
        except ValueError:  # a host name other than localhost: it may resolve anywhere
            return False
    return True


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def check_name(name: str) -> str:
    """Refuse a name that is not plain (what a tool's ``--database`` option accepts)."""
    if not PLAIN_NAME.fullmatch(name or ""):
        raise UnsafeDatabase(f"{name!r} is not a plain PostgreSQL database name (lower-case letters, digits, _).")
    return name


def check_drop(name: str, prefixes: tuple[str, ...], force: bool = False) -> str:
    """Refuse to drop ``name`` unless it starts with one of ``prefixes`` (or ``force``)."""
    if not name:
        raise UnsafeDatabase("no database name")
    if not force and not name.startswith(tuple(prefixes)):
        raise UnsafeDatabase(
            f"refusing to drop the database {name!r}: it does not start with {' or '.join(prefixes)}; "
            "give --force-drop to drop it anyway."
        )
    return name


def drop_database(conn, name: str, *, prefixes: tuple[str, ...], force: bool = False) -> None:
    """DROP DATABASE IF EXISTS … WITH (FORCE), on an autocommit connection, after ``check_drop``."""
    conn.execute(f"DROP DATABASE IF EXISTS {quote(check_drop(name, prefixes, force))} WITH (FORCE)")


def create_database(
    conn, name: str, *, fresh: bool = False, prefixes: tuple[str, ...] = (), force: bool = False, template=None
) -> None:
    """CREATE DATABASE (from ``template``); ``fresh``: drop it first (``drop_database``'s rule applies)."""
    if fresh:
        drop_database(conn, name, prefixes=prefixes, force=force)
    conn.execute(f"CREATE DATABASE {quote(name)}" + (f" TEMPLATE {quote(template)}" if template else ""))
