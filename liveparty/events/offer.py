"""What the event offers tonight, decided here alone: the crate (playlists and genres
narrow the catalog, songs added on the fly come on top) less what its DJs refuse (the
songs and artists they block, explicit songs under the clean-only rule), while requests
are not paused. Guests' requests, their search, the mood songs and the recommender all
ask this module; the `offer` of the snapshot and its `offer.changed` update, recorded by
each change of the crate, the blocklists or the rules, tell open pages to search again."""

import logging
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q

from liveparty.catalog.matching import artist_of
from liveparty.catalog.models import PlaylistTrack, Song
from liveparty.catalog.search import VERSION_KEY as CATALOG_VERSION_KEY
from liveparty.errors import Conflict
from liveparty.events.models import BlockedSong, CratePick, DJMembership, Event
from liveparty.memo import KeptPerKey
from liveparty.updates.models import Kind
from liveparty.updates.services import record

logger = logging.getLogger(__name__)

# Picks that narrow the catalog; songs added on the fly come on top of them.
NARROWING = (CratePick.Kind.PLAYLIST, CratePick.Kind.GENRE)


def whole_catalog(event: Event) -> bool:
    return not CratePick.objects.filter(event=event, kind__in=NARROWING).exists()


def crate_song_ids(event: Event) -> set[int] | None:
    """The ids of the songs on offer; None when the whole catalog is."""
    picks = list(CratePick.objects.filter(event=event))
    playlists = [p.playlist_id for p in picks if p.kind == CratePick.Kind.PLAYLIST]
    genres = [p.genre for p in picks if p.kind == CratePick.Kind.GENRE]
    if not playlists and not genres:
        return None
    songs = {p.song_id for p in picks if p.kind == CratePick.Kind.SONG}
    # Two indexed lookups: one query with OR across the join would scan the whole catalog.
    if playlists:
        songs.update(PlaylistTrack.objects.filter(playlist_id__in=playlists).values_list("song_id", flat=True))
    if genres:
        songs.update(Song.objects.filter(genre__in=genres).values_list("pk", flat=True))
    return songs


def in_crate(event: Event, song: Song) -> bool:
    if whole_catalog(event):
        return True
    return (
        CratePick.objects.filter(event=event)
        .filter(Q(song=song) | Q(genre=song.genre, kind=CratePick.Kind.GENRE) | Q(playlist__tracks__song=song))
        .exists()
    )


def blocks_of(event: Event) -> Q:
    """The blocks that apply at an event: its own and those of each of its DJs."""
    djs = DJMembership.objects.filter(event=event).values("dj_id")
    return Q(event=event) | Q(dj__in=djs)


@dataclass(frozen=True)
class Refusals:
    """What the event refuses whatever its crate: blocked songs (match keys), blocked
    artists (artist keys) and, under the clean-only rule, explicit songs. The recommender
    filters its candidates through this, reading only their keys and explicit flags."""

    keys: frozenset[str] = frozenset()
    artists: frozenset[str] = frozenset()
    clean_only: bool = False

    def refuse(self, match_key: str, explicit: bool) -> bool:
        return match_key in self.keys or artist_of(match_key) in self.artists or (self.clean_only and explicit)


def refusals(event: Event) -> Refusals:
    blocks = BlockedSong.objects.filter(blocks_of(event)).values_list("match_key", "artist_key")
    keys, artists = set(), set()
    for match_key, artist in blocks:
        if artist:
            artists.add(artist)
        else:
            keys.add(match_key)
    return Refusals(frozenset(keys), frozenset(artists), event.clean_only)


def blocked_by(event: Event, song: Song) -> BlockedSong | None:
    """The block that keeps `song` off the event (its own, or its artist's), if any."""
    return (
        BlockedSong.objects.filter(blocks_of(event))
        .filter(Q(match_key=song.match_key) | Q(artist_key=artist_of(song.match_key)))
        .first()
    )


def is_blocked(event: Event, song: Song) -> bool:
    return blocked_by(event, song) is not None


class OnOffer:
    """The song ids guests may find tonight: the crate (or the catalog) less the refused."""

    def __init__(self, crate: set[int] | None, refused: set[int]) -> None:
        self.crate = crate
        self.refused = refused

    def __contains__(self, song_id: object) -> bool:
        return song_id not in self.refused and (self.crate is None or song_id in self.crate)


def on_offer(event: Event) -> OnOffer:
    return OnOffer(crate_song_ids(event), refused_song_ids(refusals(event)))


def refused_song_ids(refused: Refusals) -> set[int]:
    """At most one query; an artist's songs are found by the end of their key (a scan of
    the catalog's keys, only while some artist is blocked)."""
    if not (refused.keys or refused.artists or refused.clean_only):
        return set()
    matching = Q(match_key__in=refused.keys)
    for artist in refused.artists:
        matching |= Q(match_key__endswith=f"|{artist}")
    if refused.clean_only:
        matching |= Q(explicit=True)
    return set(Song.objects.filter(matching).values_list("pk", flat=True))


def require_open_for(event: Event, song: Song) -> None:
    """A guest's request or ask for `song` under the DJs' rules; no query, so that it
    runs under the event's lock, on the row that lock read (the rules as they are now)."""
    if event.requests_paused:
        raise Conflict("The DJ has paused requests for a little while; try again soon.", code="requests_paused")
    if event.clean_only and song.explicit:
        raise Conflict("The DJ is keeping it clean tonight: no explicit songs.", code="explicit")


@dataclass(frozen=True)
class Offer:
    """What a guest's request is checked against: the crate's song ids (None: the whole
    catalog) and the refusals."""

    crate: frozenset[int] | None
    refused: Refusals

    def require(self, song: Song) -> None:
        """Refuse a request for `song` unless it is on offer, saying why (the rules are
        `require_open_for`'s)."""
        if self.crate is not None and song.pk not in self.crate:
            raise Conflict("That song is not on offer tonight.", code="not_in_crate")
        if self.refused.refuse(song.match_key, explicit=False):
            whom = "that artist" if artist_of(song.match_key) in self.refused.artists else "that song"
            raise Conflict(f"The DJ is not playing {whom} tonight.", code="blocked")


# The offers a process read lately, each under the versions it was read at (the event's
# offer version, the catalog's): a burst of requests reads the crate and the blocklists
# from the database once, not once per request (a fifth of a burst's time). Each change
# gives the offer a new version (`offer_may_have_changed`); a process asks Redis for the
# versions, one round trip, on each request. A server takes requests for a few parties
# at once, rarely more.
_kept: KeptPerKey[Offer] = KeptPerKey(size=64)


def offer_of(event: Event) -> Offer:
    """The event's offer for a guest's request, from what this process kept when the
    versions still match; read afresh when they moved, or when Redis cannot say."""
    return _kept.read_through(event.pk, lambda: _versions(event.pk), lambda: _read_offer(event))


def _versions(event_id: int) -> tuple[str, str]:
    """The event's offer version and the catalog's (whose changes move genres and
    playlists), in one round trip. A version is a random token, made by the first to
    miss it: a cache emptied or evicted can never give back a version kept here."""
    key = _version_key(event_id)
    versions = cache.get_many([key, CATALOG_VERSION_KEY])
    if key not in versions:
        cache.add(key, uuid.uuid4().hex, timeout=None)
        versions[key] = cache.get(key)
    return versions[key], versions.get(CATALOG_VERSION_KEY, "")


def _read_offer(event: Event) -> Offer:
    crate = crate_song_ids(event)
    return Offer(frozenset(crate) if crate is not None else None, refusals(event))


def _version_key(event_id: int) -> str:
    return f"liveparty:offer-version:{event_id}"


def offer_may_have_changed(event_id: int) -> None:
    """Inside the transaction of a change of the crate, the blocklists, the rules or the
    event's DJs (a co-DJ brings their own blocks). The version moves now, so that this
    transaction's own later reads see the change, and again once it has committed, so
    that what another process read in between (the old offer) is not kept."""

    def new_version() -> None:
        try:
            cache.set(_version_key(event_id), uuid.uuid4().hex, timeout=None)
        except Exception:  # Redis away: the processes cannot read a version either, and read the offer
            logger.warning("offer version of event %s not moved", event_id, exc_info=True)

    new_version()
    transaction.on_commit(new_version)


def offer_state(event: Event) -> dict:
    """What a page needs to explain what it may request and how the stack is ordered:
    whether the DJ picked tonight's songs, and the DJs' rules (events/rules.py)."""
    return {
        "whole_catalog": whole_catalog(event),
        "requests_paused": event.requests_paused,
        "clean_only": event.clean_only,
        "fair_order": event.fair_order,
    }


def offer_changed(event: Event) -> None:
    """Record the change, inside the transaction that made it."""
    record(event.pk, Kind.OFFER_CHANGED, offer_state(event))
    offer_may_have_changed(event.pk)
