"""A smoke run of ``manage.py bench_http`` against a real gunicorn: the demo data set on SQLite, three requests
per client and page. It starts a server and seeds a database, so it runs only with ORDEN_SERVER_TESTS=1."""

import importlib.util
import json
import os
import random
import socket
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = [
    pytest.mark.skipif(
        os.environ.get("ORDEN_SERVER_TESTS") != "1", reason="starts gunicorn: runs only with ORDEN_SERVER_TESTS=1"
    ),
    pytest.mark.skipif(importlib.util.find_spec("gunicorn") is None, reason="gunicorn is not installed"),
    pytest.mark.skipif(importlib.util.find_spec("urllib3") is None, reason="urllib3 is not installed"),
]

PAGES = {"health", "list", "filtered", "detail", "api", "product"}


def free_port(first=18680, last=18699):
    # In random order: two runs starting at once (e.g. the suite twice) rarely pick the same port.
    for port in random.sample(range(first, last + 1), last - first + 1):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.skip(f"no free port in {first}-{last}")


def test_bench_http_measures_every_page_over_http(tmp_path):
    output = tmp_path / "http-results.json"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    completed = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "bench_http",
            "--database",
            "sqlite",
            "--sqlite-path",
            str(tmp_path / "http.sqlite3"),
            "--size",
            "demo",
            "--repeat",
            "3",
            "--clients",
            "1,2",
            "--port",
            str(free_port()),
            "--label",
            "smoke",
            "--output",
            str(output),
            "--no-docs",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]

    run = json.loads(output.read_text())["runs"]["smoke"]
    assert run["database"]["vendor"] == "sqlite"
    assert run["server"]["workers"] >= 1
    phases = {(p["page"], p["clients"]): p for p in run["phases"]}
    assert set(phases) == {(page, clients) for page in PAGES for clients in (1, 2)}
    for (page, clients), phase in phases.items():
        assert phase["requests"] == 3 * clients, page
        assert phase["errors"] == {}, (page, phase["errors"])
        assert 0 < phase["min_ms"] <= phase["median_ms"] <= phase["p95_ms"] <= phase["p99_ms"] <= phase["max_ms"]
        assert phase["max_ms"] < 30_000, page
        assert phase["throughput"] > 0, page
        assert phase["bytes"] > 0, page
        assert set(phase["gc"]) == {"gen0", "gen1", "gen2"}
        assert phase["tail"]["above_p99_during_full_gc"] <= phase["tail"]["above_p99"]
    # The bare endpoint is the floor: cheaper than the list, which renders 50 rows and a filter form.
    assert phases[("health", 1)]["median_ms"] < phases[("list", 1)]["median_ms"]
    assert phases[("list", 1)]["bytes"] > 10 * phases[("health", 1)]["bytes"]
    assert isinstance(run["full_collections"], list)
    assert run["server"]["bare_endpoint"] == "/health/"
