"""What the event offers tonight, decided here alone: the crate (playlists and genres
narrow the catalog, songs added on the fly come on top) less what its DJs refuse (the
songs and artists they block, explicit songs under the clean-only rule), while requests
are not paused. Guests' requests, their search, the mood songs and the recommender all
ask this module; the `offer` of the snapshot and its `offer.changed` update, recorded by
each change of the crate, the blocklists or the rules, tell open pages to search again."""

from dataclasses import dataclass

from django.db.models import Q

from liveparty.catalog.matching import artist_of
from liveparty.catalog.models import PlaylistTrack, Song
from liveparty.errors import Conflict
from liveparty.events.models import BlockedSong, CratePick, DJMembership, Event
from liveparty.updates.models import Kind
from liveparty.updates.services import record

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


def require_on_offer(event: Event, song: Song) -> None:
    """A guest's request for `song`: refused unless it is in the crate and not blocked,
    saying why (the rules are `require_open_for`'s)."""
    if not in_crate(event, song):
        raise Conflict("That song is not on offer tonight.", code="not_in_crate")
    blocked = blocked_by(event, song)
    if blocked is not None:
        whom = "that artist" if blocked.artist_key else "that song"
        raise Conflict(f"The DJ is not playing {whom} tonight.", code="blocked")


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
