"""The request stack's actions: each changes the stack (liveparty/song_requests) and tells
the recommender the party moved, so the DJs' suggestions follow; an accept or a denial
also teaches it, after commit. An ask keeps the guest's mood of the moment and a song
that starts keeps the crowd's (both the mood area's word, read before the event's lock),
for the statistics of songs by mood."""

from django.db import transaction

from liveparty.accounts.models import Guest, User
from liveparty.events.models import Event
from liveparty.mood import services as mood
from liveparty.mood.crowd import published_mood
from liveparty.recommend.learning import learn_from_feedback
from liveparty.recommend.services import suggestions_changed
from liveparty.song_requests import services as stack
from liveparty.song_requests.models import SongRequest


def request_song(guest: Guest, song_id: int) -> SongRequest:
    with transaction.atomic():
        song_request = stack.request_song(guest, song_id, asker_mood=mood.mood_now(guest.pk))
        suggestions_changed(song_request.event_id)
    return song_request


def ask(guest: Guest, song_request_id: int) -> SongRequest:
    with transaction.atomic():
        song_request = stack.ask(guest, song_request_id, asker_mood=mood.mood_now(guest.pk))
        suggestions_changed(song_request.event_id)
    return song_request


def cancel(guest: Guest, song_request_id: int) -> SongRequest:
    with transaction.atomic():
        song_request = stack.cancel(guest, song_request_id)
        suggestions_changed(song_request.event_id)
    return song_request


def accept(event: Event, dj: User, song_request_id: int) -> SongRequest:
    with transaction.atomic():
        song_request = stack.accept(event, dj, song_request_id)
        suggestions_changed(event.pk)
        _learn_on_commit(song_request, "accepted")
    return song_request


def deny(event: Event, dj: User, song_request_id: int) -> SongRequest:
    with transaction.atomic():
        song_request = stack.deny(event, dj, song_request_id)
        suggestions_changed(event.pk)
        _learn_on_commit(song_request, "denied")
    return song_request


def play(event: Event, dj: User, song_request_id: int) -> SongRequest:
    with transaction.atomic():
        song_request = stack.play(event, dj, song_request_id, crowd_mood=_crowd_mood(event.pk))
        suggestions_changed(event.pk)
    return song_request


def reorder(event: Event, dj: User, song_request_id: int, position: int) -> list[SongRequest]:
    """The queue's order is not what the recommender reads: nothing else to tell."""
    return stack.reorder(event, dj, song_request_id, position)


def queue_song(event: Event, dj: User, song_id: int, position: int | None = None) -> SongRequest:
    with transaction.atomic():
        song_request, accepted = stack.queue_song(event, dj, song_id, position)
        suggestions_changed(event.pk)
        if accepted:
            _learn_on_commit(song_request, "accepted")
    return song_request


def finish(event: Event, dj: User) -> SongRequest:
    with transaction.atomic():
        played = stack.finish(event, dj)
        suggestions_changed(event.pk)
    return played


def _learn_on_commit(song_request: SongRequest, verdict: str) -> None:
    transaction.on_commit(lambda: learn_from_feedback(song_request, verdict), robust=True)


def _crowd_mood(event_id: int) -> str:
    published = published_mood(event_id)
    return published["mood"] if published is not None else ""
