"""The request stack's actions: each changes the stack (liveparty/requests) and tells
the recommender the party moved, so the DJs' suggestions follow; an accept or a denial
also teaches it, after commit."""

from django.db import transaction

from liveparty.accounts.models import Guest, User
from liveparty.events.models import Event
from liveparty.recommend.learning import learn_from_feedback
from liveparty.recommend.services import suggestions_changed
from liveparty.requests import services as stack
from liveparty.requests.models import SongRequest


def request_song(guest: Guest, song_id: int) -> SongRequest:
    with transaction.atomic():
        entry = stack.request_song(guest, song_id)
        suggestions_changed(entry.event_id)
    return entry


def ask(guest: Guest, entry_id: int) -> SongRequest:
    with transaction.atomic():
        entry = stack.ask(guest, entry_id)
        suggestions_changed(entry.event_id)
    return entry


def cancel(guest: Guest, entry_id: int) -> SongRequest:
    with transaction.atomic():
        entry = stack.cancel(guest, entry_id)
        suggestions_changed(entry.event_id)
    return entry


def accept(event: Event, dj: User, entry_id: int) -> SongRequest:
    with transaction.atomic():
        entry = stack.accept(event, dj, entry_id)
        suggestions_changed(event.pk)
        _learn_on_commit(entry, "accepted")
    return entry


def deny(event: Event, dj: User, entry_id: int) -> SongRequest:
    with transaction.atomic():
        entry = stack.deny(event, dj, entry_id)
        suggestions_changed(event.pk)
        _learn_on_commit(entry, "denied")
    return entry


def play(event: Event, dj: User, entry_id: int) -> SongRequest:
    with transaction.atomic():
        entry = stack.play(event, dj, entry_id)
        suggestions_changed(event.pk)
    return entry


def reorder(event: Event, dj: User, entry_id: int, position: int) -> list[SongRequest]:
    """The queue's order is not what the recommender reads: nothing else to tell."""
    return stack.reorder(event, dj, entry_id, position)


def queue_song(event: Event, dj: User, song_id: int, position: int | None = None) -> SongRequest:
    with transaction.atomic():
        entry, accepted = stack.queue_song(event, dj, song_id, position)
        suggestions_changed(event.pk)
        if accepted:
            _learn_on_commit(entry, "accepted")
    return entry


def finish(event: Event, dj: User) -> SongRequest:
    with transaction.atomic():
        played = stack.finish(event, dj)
        suggestions_changed(event.pk)
    return played


def _learn_on_commit(entry: SongRequest, verdict: str) -> None:
    transaction.on_commit(lambda: learn_from_feedback(entry, verdict), robust=True)
