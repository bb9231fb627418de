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


def test_every_call_of_every_cache_object_uses_one_client():
    """Django's own client makes a new `redis.Redis` on each call."""
    objects = [caches.create_connection("default") for _ in range(3)]
    clients = {id(each._cache.get_client(write=write)) for each in objects for write in (False, True)}
    assert len(clients) == 1
    objects[1].set("client-test", "kept")
    assert objects[2].get("client-test") == "kept"
