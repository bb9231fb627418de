"""Blocklists: songs, or whole artists, a DJ will not play, tonight (the event's list)
or ever (their own).

A blocked song is off the menu everywhere at the event: guests cannot find or request
it, and the recommendation engine never suggests it. An artist's block is their every
song, whoever they sing with.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q

from liveparty.access import require_dj
from liveparty.accounts.models import User
from liveparty.catalog.matching import artist_of
from liveparty.catalog.models import Song
from liveparty.errors import Conflict, NotFound
from liveparty.events.models import BlockedSong, Event
from liveparty.events.offer import blocks_of, offer_changed
from liveparty.events.services import lock_live_event


def blocklist(event: Event) -> list[BlockedSong]:
    return list(BlockedSong.objects.filter(blocks_of(event)).select_related("song"))


def block(
    event: Event, dj: User, song_id: int, *, everywhere: bool = False, whole_artist: bool = False
) -> tuple[BlockedSong, Event]:
    """Block a song at the event, or (`everywhere`) at every event this DJ plays; with
    `whole_artist`, every song of its primary artist. Returns the block and the event
    as locked (its rules as they are now)."""
    require_dj(event, dj)
    song = Song.objects.filter(pk=song_id).first()
    if song is None:
        raise NotFound("That song is not in the catalog.")
    owner = {"dj": dj} if everywhere else {"event": event}
    what = {"artist_key": artist_of(song.match_key)} if whole_artist else {"match_key": song.match_key}
    with transaction.atomic():
        event = lock_live_event(event.pk)
        try:
            with transaction.atomic():
                blocked = BlockedSong.objects.create(song=song, **what, **owner)
        except IntegrityError as error:
            whom = "That artist is" if whole_artist else "That song is"
            raise Conflict(f"{whom} blocked already.", code="already_blocked") from error
        offer_changed(event)
    return blocked, event


def unblock(event: Event, dj: User, block_id: int) -> None:
    """Lift a block of the event, or one of the DJ's own."""
    require_dj(event, dj)
    with transaction.atomic():
        lock_live_event(event.pk)
        deleted, _ = BlockedSong.objects.filter(Q(event=event) | Q(dj=dj), pk=block_id).delete()
        if not deleted:
            raise NotFound("That block is not on this event's list or yours.")
        offer_changed(event)
