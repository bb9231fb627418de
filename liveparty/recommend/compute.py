"""The engine's work, wherever it runs (this process, or a `runworker recommend` one).

Cached suggestions carry the version they were computed for: (the event's version,
the model's version). Reading the version before the party means a change committed
meanwhile leaves the list under the old version, never a stale list under the new one.
"""

from django.core.cache import cache

from liveparty.recommend import store
from liveparty.recommend.blend import Registry, blend, similar_tracks
from liveparty.recommend.context import read_context
from liveparty.recommend.versions import bump

# The length of the console's list (what a refresh pushes).
SUGGESTIONS = 10
# Suggestions stay cached at most this long even if nothing changes (seconds).
CACHE_SECONDS = 15 * 60


def _event_version_key(event_id: int) -> str:
    return f"recommend:event:{event_id}:version"


_MODEL_VERSION_KEY = "recommend:model:version"


def version(event_id: int) -> tuple[int, int]:
    values = cache.get_many([_event_version_key(event_id), _MODEL_VERSION_KEY])
    return values.get(_event_version_key(event_id), 0), values.get(_MODEL_VERSION_KEY, 0)


def invalidate(event_id: int) -> None:
    bump(_event_version_key(event_id))


def cached_suggestions(event_id: int, n: int) -> list[dict] | None:
    hit = cache.get(f"recommend:event:{event_id}:suggestions:{n}")
    if hit is not None and tuple(hit["version"]) == version(event_id):
        return hit["items"]
    return None


def suggestions(event_id: int, n: int) -> list[dict]:
    """Compute (or reuse) the event's suggestions and cache them under their version."""
    current = version(event_id)
    cached = cached_suggestions(event_id, n)
    if cached is not None:
        return cached
    items = blend(read_context(event_id, store.current_model()), Registry.load(), n)
    cache.set(
        f"recommend:event:{event_id}:suggestions:{n}", {"version": current, "items": items}, timeout=CACHE_SECONDS
    )
    return items


def refresh(event_id: int, n: int) -> list[dict] | None:
    """The list to push to the event's DJs, or None when it was pushed already for this
    version (a burst of changes becomes one push per version, in any process)."""
    current = version(event_id)
    items = suggestions(event_id, n)
    published_key = f"recommend:event:{event_id}:published"
    if cache.get(published_key) == list(current):
        return None
    cache.set(published_key, list(current), timeout=CACHE_SECONDS)
    return items


def similar(song_id: int, n: int, event_id: int | None, guest_id: int | None) -> list[dict]:
    return similar_tracks(store.current_model(), song_id, n, event_id, guest_id)


def rebuild() -> dict:
    """A new model from the database; every cached list becomes stale."""
    model = store.rebuild()
    bump(_MODEL_VERSION_KEY)
    return model.stats
