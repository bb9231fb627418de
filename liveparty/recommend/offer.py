"""What an event offers (its crate) and refuses (its blocklists), as the engine reads it
on every computation: cached per event, under a version that a change of the crate, the
blocklists or the event's DJs bumps once it commits, and under the catalog's version.

The versions are read before the database: a change that commits meanwhile leaves what
was read under the old version, which nobody asks for again.
"""

from django.core.cache import cache

from liveparty.catalog.search import VERSION_KEY as CATALOG_VERSION_KEY
from liveparty.events.blocklist import blocked_keys
from liveparty.events.crates import crate_song_ids
from liveparty.events.models import Event
from liveparty.recommend.versions import bump

CACHE_SECONDS = 15 * 60


def _version_key(event_id: int) -> str:
    return f"recommend:event:{event_id}:offer_version"


def offer_of(event_id: int) -> tuple[set[int] | None, set[str]]:
    """The crate's song ids (None: the whole catalog) and the blocked match keys."""
    versions = cache.get_many([_version_key(event_id), CATALOG_VERSION_KEY])
    key = (
        f"recommend:event:{event_id}:offer:{versions.get(_version_key(event_id), 0)}"
        f":{versions.get(CATALOG_VERSION_KEY, '')}"
    )
    hit = cache.get(key)
    if hit is not None:
        return hit["crate"], hit["blocked"]
    event = Event.objects.get(pk=event_id)
    crate, blocked = crate_song_ids(event), blocked_keys(event)
    cache.set(key, {"crate": crate, "blocked": blocked}, timeout=CACHE_SECONDS)
    return crate, blocked


def offer_changed(event_id: int) -> None:
    """Call once the change has committed."""
    bump(_version_key(event_id))
