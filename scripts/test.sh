#!/usr/bin/env bash
# Runs the whole test suite: first on SQLite, then on PostgreSQL when one is reachable at 127.0.0.1:5432.
# Extra arguments go to pytest, e.g. `scripts/test.sh -k catalog -x`.
# Browser tests (marker `browser`) run in both passes; they skip themselves when Chromium is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
if [[ ! -x $PY ]]; then
    echo "No .venv found: run \`make install\` first (or use \`make test\`)." >&2
    exit 2
fi

describe() {  # pytest exit code -> word
    case "$1" in
        0) echo "passed" ;;
        5) echo "FAILED (no tests collected)" ;;
        *) echo "FAILED (pytest exit code $1)" ;;
    esac
}

overall=0

# The pre-commit hooks (.pre-commit-config.yaml): ruff check and format, missing migrations. The translation
# hook is skipped here only because the suite below runs the same test.
echo "== Pre-commit checks (ruff check and format, migrations) =="
lint_rc=0
SKIP=translations .venv/bin/pre-commit run --all-files --show-diff-on-failure || lint_rc=$?
[[ $lint_rc -eq 0 ]] || overall=1

# The two passes run side by side, one per core: SQLite in the foreground, PostgreSQL in the background with
# its output kept in a file and printed when it ends. The tests against running servers (Schemathesis, the
# load-and-fault run, the HTTP benchmark's smoke run) prove nothing new on a second database: they run once,
# in the SQLite pass, which is the shorter one. Each pass has its own var/ directory.
log_dir=var/test-logs
mkdir -p "$log_dir"

# Find a PostgreSQL role that can log in (trust or ~/.pgpass): postgres first, then root.
# The probe connects to the maintenance database "postgres" (what Django uses to create the test
# database) and creates the database "test" when it is missing, so DATABASE_URL points at a real one.
# pytest-django then creates and uses "test_test".
pg_url=""
pg_pid=""
# An interrupted run stops the background pass too (its pid is cleared once it has ended).
trap 'if [[ -n $pg_pid ]]; then kill "$pg_pid" 2>/dev/null || true; fi' EXIT
if pg_url=$("$PY" - <<'PYEOF' 2>/dev/null
import sys

import psycopg

for user in ("postgres", "root"):
    try:
        with psycopg.connect(
            host="127.0.0.1", port=5432, user=user, dbname="postgres", connect_timeout=3, autocommit=True
        ) as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = 'test'").fetchone() is None:
                conn.execute("CREATE DATABASE test")
    except Exception:
        continue
    print(f"postgresql://{user}@127.0.0.1:5432/test")
    sys.exit(0)
sys.exit(1)
PYEOF
); then
    echo
    echo "== PostgreSQL (in the background; its output follows the SQLite pass) =="
    echo "DATABASE_URL=$pg_url"
    DATABASE_URL="$pg_url" ORDEN_VAR_DIR="$PWD/var/test-postgresql" "$PY" -m pytest --create-db "$@" \
        >"$log_dir/postgresql.log" 2>&1 &
    pg_pid=$!
fi

echo
echo "== SQLite =="
sqlite_rc=0
env -u DATABASE_URL ORDEN_VAR_DIR="$PWD/var/test-sqlite" ORDEN_CONTRACT_TESTS=1 ORDEN_SERVER_TESTS=1 \
    "$PY" -m pytest "$@" || sqlite_rc=$?
[[ $sqlite_rc -eq 0 ]] || overall=1

if [[ -n $pg_pid ]]; then
    pg_rc=0
    wait "$pg_pid" || pg_rc=$?
    pg_pid=""
    echo
    echo "== PostgreSQL =="
    echo "DATABASE_URL=$pg_url"
    cat "$log_dir/postgresql.log"
    [[ $pg_rc -eq 0 ]] || overall=1
    pg_result=$(describe "$pg_rc")
else
    echo
    echo "PostgreSQL not reachable at 127.0.0.1:5432: the PostgreSQL run was SKIPPED"
    pg_result="SKIPPED (not reachable at 127.0.0.1:5432)"
fi

if command -v chromium >/dev/null 2>&1; then
    browser="Chromium at $(command -v chromium)"
else
    browser="no Chromium on PATH: browser tests skipped"
fi

echo
echo "== Summary =="
echo "Checks:     $( [[ $lint_rc -eq 0 ]] && echo passed || echo FAILED )"
echo "Browser:    $browser"
echo "SQLite:     $(describe "$sqlite_rc")"
echo "PostgreSQL: $pg_result"
exit $overall
