"""What the event offers tonight: the crate and the blocklists (liveparty/events) are
what the recommender stands on, so each change of them makes the suggestions anew."""

from django.db import transaction

from liveparty.accounts.models import User
from liveparty.events import blocklist, crates
from liveparty.events.models import BlockedSong, CratePick, Event
from liveparty.recommend.services import suggestions_changed


def pick(
    event: Event, dj: User, *, playlist_id: int | None = None, genre: str = "", song_id: int | None = None
) -> CratePick:
    with transaction.atomic():
        new = crates.pick(event, dj, playlist_id=playlist_id, genre=genre, song_id=song_id)
        suggestions_changed(event.pk, standing=True)
    return new


def unpick(event: Event, dj: User, pick_id: int) -> None:
    with transaction.atomic():
        crates.unpick(event, dj, pick_id)
        suggestions_changed(event.pk, standing=True)


def block(event: Event, dj: User, song_id: int, *, everywhere: bool = False) -> BlockedSong:
    with transaction.atomic():
        blocked = blocklist.block(event, dj, song_id, everywhere=everywhere)
        suggestions_changed(event.pk, standing=True)
    return blocked


def unblock(event: Event, dj: User, block_id: int) -> None:
    with transaction.atomic():
        blocklist.unblock(event, dj, block_id)
        suggestions_changed(event.pk, standing=True)
