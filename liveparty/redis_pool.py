"""One Redis connection pool, and one client, per process for Django's cache.

Django hands each async context a cache object of its own (django.core.cache.caches is
context-local), and each object opens a pool of its own. Every WebSocket connection that
touched the cache (a reply kept for retries, a suggestion's version) thus held its own
Redis connection as long as it lived, 5,000 phones making 5,000 connections, and paid a
connect with its first action. Named as the cache's `pool_class` (settings.CACHES), this
class hands every cache object of the process the same pool, which is thread-safe. It
is a blocking pool: when all its connections are out (150 requests at once, each in a
thread of its own) the next caller waits for one, for `timeout` seconds, instead of
failing.

Django's client also makes a new `redis.Redis` on every call; its constructor was a
twentieth of a guest server's CPU in a burst of requests (three cache calls each). The
`RedisCache` here hands out one per pool: a client is thread-safe, its pool does the
locking.
"""

import threading
from functools import cached_property
from typing import Any, ClassVar, Self

from django.core.cache.backends import redis as django_redis
from redis import BlockingConnectionPool, Redis


class SharedConnectionPool(BlockingConnectionPool):
    _pools: ClassVar[dict[str, "SharedConnectionPool"]] = {}
    _lock: ClassVar[threading.Lock] = threading.Lock()

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> Self:
        key = repr((url, sorted(kwargs.items())))
        with cls._lock:
            if key not in cls._pools:
                cls._pools[key] = super().from_url(url, **kwargs)
            return cls._pools[key]

    @cached_property
    def client(self) -> Redis:
        return Redis(connection_pool=self)


class _OneClientPerPool(django_redis.RedisCacheClient):
    def get_client(self, key: str | None = None, *, write: bool = False) -> Redis:
        pool = self._get_connection_pool(write)
        return pool.client if isinstance(pool, SharedConnectionPool) else super().get_client(key, write=write)


class RedisCache(django_redis.RedisCache):
    """Django's Redis cache (settings.CACHES), with the client above."""

    def __init__(self, server: str, params: dict) -> None:
        super().__init__(server, params)
        self._class = _OneClientPerPool
