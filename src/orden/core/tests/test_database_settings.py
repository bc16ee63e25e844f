"""The database connection settings from the environment (docs/operations.md, "Database connections"):
persistent connections checked before reuse by default, psycopg's pool with ORDEN_DB_POOL on PostgreSQL."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

SRC_DIR = Path(__file__).resolve().parents[3]

SHOW = """
import json
import django
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("SELECT 1")
    answer = cursor.fetchone()[0]
database = connection.settings_dict
print(json.dumps({
    "answer": answer,
    "max_age": database["CONN_MAX_AGE"],
    "health_checks": database["CONN_HEALTH_CHECKS"],
    "pool": database["OPTIONS"].get("pool"),
    "pooled": getattr(connection, "pool", None) is not None,
}))
"""


def settings_with(tmp_path, **variables) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ORDEN_")}
    env.update(DJANGO_SETTINGS_MODULE="orden.conf.settings", PYTHONPATH=str(SRC_DIR), ORDEN_VAR_DIR=str(tmp_path))
    env.update(variables)
    result = subprocess.run(
        [sys.executable, "-c", SHOW], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_connections_persist_and_are_checked_before_reuse(tmp_path):
    shown = settings_with(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'orden.sqlite3'}", ORDEN_DB_POOL="true")
    # ORDEN_DB_POOL is for PostgreSQL only; SQLite keeps its persistent connection.
    assert shown == {"answer": 1, "max_age": 60, "health_checks": True, "pool": None, "pooled": False}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the pool is PostgreSQL's (set DATABASE_URL)")
@pytest.mark.django_db
def test_the_pool_on_postgresql(tmp_path):
    # The test database (pytest-django's test_<name>), which exists, unlike perhaps DATABASE_URL's own.
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + connection.settings_dict["NAME"]
    assert settings_with(tmp_path, DATABASE_URL=url)["pooled"] is False
    shown = settings_with(tmp_path, DATABASE_URL=url, ORDEN_DB_POOL="true", ORDEN_DB_POOL_MAX_SIZE="3")
    assert shown == {
        "answer": 1,
        "max_age": 0,
        "health_checks": True,
        "pool": {"min_size": 1, "max_size": 3, "timeout": 10.0},
        "pooled": True,
    }
