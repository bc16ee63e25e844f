"""With ORDEN_REDIS_URL every process shares one cache, so what one process counts another sees: here the
API's rate limit (Django REST framework's throttle keeps its count in the default cache), counted in two
separate processes against the real Redis at 127.0.0.1:6379, database 4."""

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

REDIS_URL = "redis://127.0.0.1:6379/4"
SRC_DIR = Path(__file__).resolve().parents[3]


def redis_unreachable() -> str:
    """Why Redis cannot be used, or an empty string."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        return f"Redis is not reachable at {REDIS_URL} ({error}); start redis-server to run this test"
    return ""


# One API request per iteration, throttled as the API throttles it; prints how many were allowed.
COUNT_REQUESTS = """
import json, sys
from types import SimpleNamespace
import django
django.setup()
from django.conf import settings
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory
from rest_framework.throttling import UserRateThrottle

user = SimpleNamespace(pk=int(sys.argv[1]), is_authenticated=True)
allowed = 0
for _ in range(int(sys.argv[2])):
    request = Request(APIRequestFactory().get("/api/systems/"))
    request.user = user
    allowed += UserRateThrottle().allow_request(request, None)
print(json.dumps({"allowed": allowed, "cache": settings.CACHES["default"]["BACKEND"]}))
"""
REDIS_CACHE = "orden.core.cache.TolerantRedisCache"


def count_requests(tmp_path, requests: int, *, redis_url: str, prefix: str, stderr: list | None = None) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ORDEN_") and key != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="orden.conf.settings",
        PYTHONPATH=str(SRC_DIR),
        ORDEN_VAR_DIR=str(tmp_path),
        ORDEN_API_RATE="5/hour",
        ORDEN_REDIS_URL=redis_url,
        ORDEN_CACHE_KEY_PREFIX=prefix,
    )
    result = subprocess.run(
        [sys.executable, "-c", COUNT_REQUESTS, "42", str(requests)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    if stderr is not None:
        stderr.append(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def prefix():
    """A key prefix of this test's own, removed from Redis afterwards."""
    prefix = f"orden-test-{uuid.uuid4().hex}"
    yield prefix
    if not redis_unreachable():
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)


def test_two_processes_share_the_api_rate_limit_through_redis(tmp_path, prefix):
    if reason := redis_unreachable():
        pytest.skip(reason)
    first = count_requests(tmp_path, 3, redis_url=REDIS_URL, prefix=prefix)
    second = count_requests(tmp_path, 4, redis_url=REDIS_URL, prefix=prefix)
    assert first == {"allowed": 3, "cache": REDIS_CACHE}
    # The second process sees the first one's three requests: two more of the five an hour, then refused.
    assert second["allowed"] == 2


def test_without_redis_each_process_counts_alone(tmp_path, prefix):
    """Why a deployment of several processes needs ORDEN_REDIS_URL: the memory cache is per process."""
    first = count_requests(tmp_path, 3, redis_url="", prefix=prefix)
    second = count_requests(tmp_path, 4, redis_url="", prefix=prefix)
    assert first == {"allowed": 3, "cache": "django.core.cache.backends.locmem.LocMemCache"}
    assert second["allowed"] == 4


def test_while_redis_is_unreachable_requests_go_on_without_the_limit(tmp_path, prefix):
    """Nothing in the cache is the only copy: with Redis away (nothing listens on port 18499) a read is a
    miss and a write is dropped, with a warning, instead of the request failing."""
    stderr = []
    counted = count_requests(tmp_path, 7, redis_url="redis://127.0.0.1:18499/4", prefix=prefix, stderr=stderr)
    assert counted == {"allowed": 7, "cache": REDIS_CACHE}
    assert "Redis cache unreachable, get skipped" in stderr[0]
    # After that first failure the process leaves Redis alone for a while: one warning, not one per call.
    assert stderr[0].count("Redis cache unreachable") == 1


@pytest.fixture
def silent_server():
    """A TCP server that accepts connections and never answers: a Redis that hangs."""
    server = socket.create_server(("127.0.0.1", 0))
    yield server.getsockname()[1]
    server.close()


def test_after_a_failure_redis_is_skipped_for_a_while(silent_server, monkeypatch):
    """Each call to a hanging Redis waits for the socket timeout; after one failure the next calls of the
    process return at once until DOWN_SECONDS have passed, then Redis is tried again."""
    from orden.core import cache as tolerant

    monkeypatch.setattr(tolerant, "down_until", 0.0)
    monkeypatch.setattr(tolerant, "DOWN_SECONDS", 1.0)
    timeout = 0.3
    options = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
    backend = tolerant.TolerantRedisCache(f"redis://127.0.0.1:{silent_server}/4", {"OPTIONS": options})

    def timed(call):
        start = time.monotonic()
        call()
        return time.monotonic() - start

    assert timed(lambda: backend.get("key")) >= timeout
    skipped = [timed(lambda: backend.get("a")), timed(lambda: backend.set("a", 1)), timed(lambda: backend.has_key("a"))]
    assert max(skipped) < timeout / 3, skipped
    assert backend.get("key", "default") == "default"
    time.sleep(1.0)
    assert timed(lambda: backend.get("key")) >= timeout  # tried again once the while is over
