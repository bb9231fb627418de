"""Django's cache objects share one Redis pool per process (liveparty/redis_pool.py)."""

import pytest
import redis
from django.conf import settings
from django.core.cache import caches

pytestmark = pytest.mark.services("redis")


def test_many_cache_objects_open_no_more_redis_connections_than_one():
    """Django makes a cache object per async context, so one per WebSocket connection:
    each used to open Redis connections of its own, held as long as it lived."""
    admin = redis.Redis.from_url(settings.REDIS_URL)
    objects = [caches.create_connection("default") for _ in range(30)]
    objects[0].set("pool-test", 0)
    before = len(admin.client_list())
    for n, each in enumerate(objects):
        each.set("pool-test", n)
    assert len(admin.client_list()) == before
    assert objects[0].get("pool-test") == len(objects) - 1
