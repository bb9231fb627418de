"""One Redis connection pool per process for Django's cache.

Django hands each async context a cache object of its own (django.core.cache.caches is
context-local), and each object opens a pool of its own. Every WebSocket connection that
touched the cache (a reply kept for retries, a suggestion's version) thus held its own
Redis connection as long as it lived, 5,000 phones making 5,000 connections, and paid a
connect with its first action. Named as the cache's `pool_class` (settings.CACHES), this
class hands every cache object of the process the same pool, which is thread-safe. It
is a blocking pool: when all its connections are out (150 requests at once, each in a
thread of its own) the next caller waits for one, for `timeout` seconds, instead of
failing.
"""

import threading
from typing import Any, ClassVar, Self

from redis import BlockingConnectionPool


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
