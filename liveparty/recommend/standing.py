"""What stands between a party's changes, as the engine reads it on every computation:
what the event offers (its crate), what it refuses (its blocklists and the clean-only
rule), and its crowd mood
as last published. Cached per event, under a version that a change of any of them (the
crate, the blocklists, the event's DJs, a published crowd mood) bumps once it commits,
and under the catalog's version.

The versions are read before the database: a change that commits meanwhile leaves what
was read under the old version, which nobody asks for again.
"""

from dataclasses import dataclass

from django.core.cache import cache

from liveparty.catalog.search import VERSION_KEY as CATALOG_VERSION_KEY
from liveparty.events.models import Event
from liveparty.events.offer import Refusals, crate_song_ids, refusals
from liveparty.mood.crowd import published_mood
from liveparty.recommend.versions import bump

CACHE_SECONDS = 15 * 60


@dataclass(frozen=True)
class Standing:
    crate: set[int] | None  # the crate's song ids; None: the whole catalog
    refused: Refusals
    crowd_mood: dict | None


def _version_key(event_id: int) -> str:
    return f"recommend:event:{event_id}:standing_version"


def standing_of(event_id: int) -> Standing:
    versions = cache.get_many([_version_key(event_id), CATALOG_VERSION_KEY])
    key = (
        f"recommend:event:{event_id}:standing:{versions.get(_version_key(event_id), 0)}"
        f":{versions.get(CATALOG_VERSION_KEY, '')}"
    )
    hit = cache.get(key)
    if hit is not None:
        return hit
    event = Event.objects.get(pk=event_id)
    standing = Standing(crate_song_ids(event), refusals(event), published_mood(event_id))
    cache.set(key, standing, timeout=CACHE_SECONDS)
    return standing


def standing_changed(event_id: int) -> None:
    """Call once the change has committed."""
    bump(_version_key(event_id))
