"""Event crates: what the DJ offers tonight. Guests search only the crate and request
only from it. Playlists and genres narrow the catalog (with none picked, the whole
catalog is on offer); a song added on the fly comes on top of them, so adding one never
takes the rest away."""

from django.db import IntegrityError, transaction

from liveparty.access import require_dj
from liveparty.accounts.models import User
from liveparty.catalog.models import Playlist, Song
from liveparty.errors import Conflict, Invalid, NotFound
from liveparty.events.models import CratePick, Event
from liveparty.events.offer import in_crate, offer_changed
from liveparty.events.services import lock_live_event


def crate(event: Event) -> list[CratePick]:
    return list(CratePick.objects.filter(event=event).select_related("playlist", "song"))


def pick(
    event: Event, dj: User, *, playlist_id: int | None = None, genre: str = "", song_id: int | None = None
) -> CratePick:
    """Add one playlist, genre or song to the crate (a DJ of the event only)."""
    require_dj(event, dj)
    given = [value for value in (playlist_id, genre.strip(), song_id) if value]
    if len(given) != 1:
        raise Invalid("Pick one playlist, one genre or one song.")
    with transaction.atomic():
        lock_live_event(event.pk)
        if playlist_id:
            playlist = Playlist.objects.filter(pk=playlist_id).first()
            if playlist is None:
                raise NotFound("There is no such playlist.")
            new = CratePick(event=event, kind=CratePick.Kind.PLAYLIST, playlist=playlist)
        elif song_id:
            song = Song.objects.filter(pk=song_id).first()
            if song is None:
                raise NotFound("That song is not in the catalog.")
            if in_crate(event, song):
                raise Conflict(f"{song.title} is on offer already.", code="already_on_offer")
            new = CratePick(event=event, kind=CratePick.Kind.SONG, song=song)
        else:
            genre = genre.strip()
            if not Song.objects.filter(genre=genre).exists():
                raise NotFound(f"No song in the catalog has the genre {genre!r}.")
            new = CratePick(event=event, kind=CratePick.Kind.GENRE, genre=genre)
        try:
            with transaction.atomic():
                new.save()
        except IntegrityError as error:
            raise Conflict("That is in the crate already.", code="already_in_crate") from error
        offer_changed(event)
    return new


def unpick(event: Event, dj: User, pick_id: int) -> None:
    require_dj(event, dj)
    with transaction.atomic():
        lock_live_event(event.pk)
        deleted, _ = CratePick.objects.filter(event=event, pk=pick_id).delete()
        if not deleted:
            raise NotFound("That is not in this event's crate.")
        offer_changed(event)
