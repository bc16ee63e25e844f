"""Django's Redis cache backend, made to degrade instead of fail while Redis cannot be reached.

Nothing Orden keeps in the cache is the only copy (rate-limit counts, rendered fragments), so while Redis is
down a read is a miss and a write is dropped, with a warning in the log: pages are rendered again and the
API's rate limits are not enforced until Redis is back, instead of every request that touches the cache
failing. ``clear()`` and ``incr()`` still raise: they are explicit operations whose caller must know.
After a failure the process leaves Redis alone for ``DOWN_SECONDS``: otherwise every cache call of every
request would wait for the connection timeout again.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
DOWN_SECONDS = 5.0
# time.monotonic() until which Redis counts as down in this process (after a failure).
down_until = 0.0


def _tolerant(method, fallback):
    def call(self, *args, **kwargs):
        global down_until
        if time.monotonic() < down_until:
            return fallback(*args) if callable(fallback) else fallback
        try:
            return method(self, *args, **kwargs)
        except UNREACHABLE as error:
            down_until = time.monotonic() + DOWN_SECONDS
            logger.warning(
                "Redis cache unreachable, %s skipped (and the cache for %g s): %s", method.__name__, DOWN_SECONDS, error
            )
            return fallback(*args) if callable(fallback) else fallback

    call.__name__ = method.__name__
    return call


class TolerantRedisCacheClient(RedisCacheClient):
    get = _tolerant(RedisCacheClient.get, lambda key, default: default)
    get_many = _tolerant(RedisCacheClient.get_many, {})
    has_key = _tolerant(RedisCacheClient.has_key, False)
    add = _tolerant(RedisCacheClient.add, False)
    set = _tolerant(RedisCacheClient.set, None)
    set_many = _tolerant(RedisCacheClient.set_many, [])
    touch = _tolerant(RedisCacheClient.touch, False)
    delete = _tolerant(RedisCacheClient.delete, False)
    delete_many = _tolerant(RedisCacheClient.delete_many, None)


class TolerantRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` whose reads miss and writes are dropped while Redis is
    unreachable (connection refused or timed out); every other error still raises."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = TolerantRedisCacheClient
