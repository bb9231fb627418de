"""Blocklists: songs a DJ will not play, tonight (the event's list) or ever (their own).

A blocked song is off the menu everywhere at the event: guests cannot find or request
it, and the recommendation engine never suggests it.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q

from liveparty.access import require_dj
from liveparty.accounts.models import User
from liveparty.catalog.models import Song
from liveparty.errors import Conflict, NotFound
from liveparty.events.models import BlockedSong, Event
from liveparty.events.offer import blocks_of, offer_changed
from liveparty.events.services import lock_live_event


def blocklist(event: Event) -> list[BlockedSong]:
    return list(BlockedSong.objects.filter(blocks_of(event)).select_related("song"))


def block(event: Event, dj: User, song_id: int, *, everywhere: bool = False) -> BlockedSong:
    """Block a song at the event, or (`everywhere`) at every event this DJ plays."""
    require_dj(event, dj)
    song = Song.objects.filter(pk=song_id).first()
    if song is None:
        raise NotFound("That song is not in the catalog.")
    owner = {"dj": dj} if everywhere else {"event": event}
    with transaction.atomic():
        lock_live_event(event.pk)
        try:
            with transaction.atomic():
                blocked = BlockedSong.objects.create(song=song, match_key=song.match_key, **owner)
        except IntegrityError as error:
            raise Conflict("That song is blocked already.", code="already_blocked") from error
        offer_changed(event)
    return blocked


def unblock(event: Event, dj: User, block_id: int) -> None:
    """Lift a block of the event, or one of the DJ's own."""
    require_dj(event, dj)
    with transaction.atomic():
        lock_live_event(event.pk)
        deleted, _ = BlockedSong.objects.filter(Q(event=event) | Q(dj=dj), pk=block_id).delete()
        if not deleted:
            raise NotFound("That block is not on this event's list or yours.")
        offer_changed(event)
