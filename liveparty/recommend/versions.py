"""Version counters in Django's cache, shared by every process: cached results are
stored under the versions they were computed for, and a change bumps a version (once
it has committed) instead of deleting results another process may be writing."""

from django.core.cache import cache


def bump(key: str) -> None:
    cache.add(key, 0, timeout=None)
    try:
        cache.incr(key)
    except ValueError:  # evicted between the two calls
        cache.set(key, 1, timeout=None)
