"""What the event offers tonight: the crate, the blocklists and the DJs' rules
(liveparty/events) are what the recommender stands on, so each change of them makes the
suggestions anew. A block, or the clean-only rule, also turns down the requests on the
stack it now covers (the stack's part, liveparty/song_requests), as the DJ would."""

from django.db import transaction

from liveparty.accounts.models import User
from liveparty.events import blocklist, crates, rules
from liveparty.events.models import BlockedSong, CratePick, Event
from liveparty.events.offer import refusals
from liveparty.recommend.services import suggestions_changed
from liveparty.song_requests import services as stack


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


def block(event: Event, dj: User, song_id: int, *, everywhere: bool = False, whole_artist: bool = False) -> BlockedSong:
    with transaction.atomic():
        blocked, event = blocklist.block(event, dj, song_id, everywhere=everywhere, whole_artist=whole_artist)
        stack.deny_refused(event, refusals(event))
        suggestions_changed(event.pk, standing=True)
    return blocked


def unblock(event: Event, dj: User, block_id: int) -> None:
    with transaction.atomic():
        blocklist.unblock(event, dj, block_id)
        suggestions_changed(event.pk, standing=True)


def set_rules(event: Event, dj: User, changes: dict[str, bool]) -> Event:
    """Pausing requests or ordering the stack fairly changes what guests may do, not what
    the engine suggests; the clean-only rule changes both."""
    with transaction.atomic():
        event, changed = rules.set_rules(event, dj, changes)
        if "clean_only" in changed:
            if event.clean_only:
                stack.deny_refused(event, refusals(event))
            suggestions_changed(event.pk, standing=True)
    return event
