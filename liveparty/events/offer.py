"""What the event offers tonight, decided here alone: the crate (playlists and genres
narrow the catalog, songs added on the fly come on top) less what its DJs block. Guests'
requests, their search, the mood songs and the recommender all ask this module; the
`offer` of the snapshot and its `offer.changed` update, recorded by each change of the
crate or the blocklists, tell open pages to search again."""

from django.db.models import Q

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


def blocked_keys(event: Event) -> set[str]:
    return set(BlockedSong.objects.filter(blocks_of(event)).values_list("match_key", flat=True))


def is_blocked(event: Event, song: Song) -> bool:
    return BlockedSong.objects.filter(blocks_of(event), match_key=song.match_key).exists()


class OnOffer:
    """The song ids guests may find tonight: the crate (or the catalog) less the blocked."""

    def __init__(self, crate: set[int] | None, blocked: set[int]) -> None:
        self.crate = crate
        self.blocked = blocked

    def __contains__(self, song_id: object) -> bool:
        return song_id not in self.blocked and (self.crate is None or song_id in self.crate)


def on_offer(event: Event) -> OnOffer:
    blocked = set(Song.objects.filter(match_key__in=blocked_keys(event)).values_list("pk", flat=True))
    return OnOffer(crate_song_ids(event), blocked)


def require_on_offer(event: Event, song: Song) -> None:
    """A guest's request for `song`: refused unless it is on offer, saying why."""
    if not in_crate(event, song):
        raise Conflict("That song is not on offer tonight.", code="not_in_crate")
    if is_blocked(event, song):
        raise Conflict("The DJ is not playing that song tonight.", code="blocked")


def offer_state(event: Event) -> dict:
    """What a page needs to explain an empty search: whether the DJ picked tonight's songs."""
    return {"whole_catalog": whole_catalog(event)}


def offer_changed(event: Event) -> None:
    """Record the change, inside the transaction that made it."""
    record(event.pk, Kind.OFFER_CHANGED, offer_state(event))
