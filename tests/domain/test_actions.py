"""The actions that cross areas (liveparty/actions/): every effect of rating, reviewing
and ending, asserted from the action's result and the database; what waits for the
commit waits for it; and no signal receiver left to hide an effect."""

import gc
import importlib
import pkgutil
import weakref

import pytest
from django.core.signals import request_started
from django.dispatch import Signal
from django.test import TestCase

import liveparty
from liveparty import actions
from liveparty.events.models import DJMembership, Event
from liveparty.mood.models import MoodSong
from liveparty.recommend import engine as recommend_engine
from liveparty.recommend.coefficients import coefficients
from liveparty.recommend.models import TrackCoefficient
from liveparty.song_requests.models import Rating, SongRequest, Status
from liveparty.updates.services import current_seq
from tests.log import kinds_since

PROJECT_PACKAGES = ("liveparty", "consumers", "api", "event_host", "dj_console", "guest_app")


def receivers_in(packages: tuple[str, ...]) -> list[str]:
    """Every function of `packages` connected to any Django signal in this process."""
    gc.unfreeze()  # a fan-out test may have frozen the heap (consumers/gc_policy.py): get_objects skips it
    found = []
    # type(), not isinstance(): a dead weak proxy among the objects raises on isinstance.
    for signal in (obj for obj in gc.get_objects() if issubclass(type(obj), Signal)):
        for song_request in signal.receivers:
            try:
                receiver = song_request[1]() if isinstance(song_request[1], weakref.ReferenceType) else song_request[1]
                module = getattr(receiver, "__module__", None) or ""
                if module.startswith(packages):
                    found.append(f"{module}.{receiver.__qualname__}")
            except ReferenceError:  # a receiver collected meanwhile: nobody listens there
                continue
    return found


def test_no_project_code_receives_a_signal():
    for module in pkgutil.walk_packages(liveparty.__path__, "liveparty."):
        importlib.import_module(module.name)
    assert receivers_in(PROJECT_PACKAGES) == []


def test_the_receiver_census_sees_a_receiver():
    def listener(sender: object, **kwargs: object) -> None: ...

    request_started.connect(listener)
    try:
        assert receivers_in(("tests.",)) == [f"{__name__}.{listener.__qualname__}"]
    finally:
        request_started.disconnect(listener)


def test_no_area_declares_signals():
    names = {module.name for module in pkgutil.walk_packages(liveparty.__path__, "liveparty.")}
    assert not [name for name in names if name.endswith(".signals")]


@pytest.fixture
def playing(event, dj, guest, song) -> SongRequest:
    return actions.play(event, dj, actions.request_song(guest, song.pk).pk)


def test_a_rating_is_stored_at_once_and_teaches_once_it_has_committed(event, dj, guest, playing):
    actions.tell_mood(guest, "chill")
    with TestCase.captureOnCommitCallbacks(execute=False) as after_commit:
        rating = actions.rate(guest, 5)
    assert isinstance(rating, Rating)
    assert (rating.score, rating.song_request_id, rating.guest_id) == (5, playing.pk, guest.pk)
    assert Rating.objects.get(song_request=playing, guest=guest).score == 5
    assert not TrackCoefficient.objects.exists()  # nothing learnt under the event's lock
    assert not MoodSong.objects.exists()
    for callback in after_commit:
        callback()
    assert coefficients("crowd-ratings", {"event_id": event.pk})[playing.song_id] > 0
    assert coefficients("guest-taste", {"guest_id": guest.pk})[playing.song_id] > 0
    assert coefficients("dj-taste", {"account_id": dj.pk})[playing.song_id] > 0
    assert MoodSong.objects.get(song_id=playing.song_id, mood="chill").evidence == 2


def test_a_rating_changed_teaches_the_difference_only(event, dj, guest, playing):
    actions.tell_mood(guest, "chill")
    with TestCase.captureOnCommitCallbacks(execute=True):
        actions.rate(guest, 5)
    with TestCase.captureOnCommitCallbacks(execute=True):
        rating = actions.rate(guest, 4)
    assert rating.score == 4
    assert Rating.objects.filter(song_request=playing, guest=guest).count() == 1
    assert MoodSong.objects.get(song_id=playing.song_id, mood="chill").evidence == 1


def test_an_accept_and_a_denial_teach_this_event_after_commit(event, dj, guest, guest2, songs):
    liked = actions.request_song(guest, songs[0].pk)
    disliked = actions.request_song(guest2, songs[1].pk)
    with TestCase.captureOnCommitCallbacks(execute=False) as after_commit:
        accepted = actions.accept(event, dj, liked.pk)
        denied = actions.deny(event, dj, disliked.pk)
    assert (accepted.status, accepted.position) == (Status.QUEUED, 1)
    assert denied.status == Status.DENIED
    assert not TrackCoefficient.objects.exists()
    for callback in after_commit:
        callback()
    learnt = coefficients("dj-feedback", {"event_id": event.pk})
    assert learnt[songs[0].pk] > 0 > learnt[songs[1].pk]


def test_queueing_a_request_from_the_stack_is_an_accept(event, dj, guest, songs):
    actions.request_song(guest, songs[2].pk)
    with TestCase.captureOnCommitCallbacks(execute=True):
        song_request = actions.queue_song(event, dj, songs[2].pk)
    assert song_request.status == Status.QUEUED
    assert coefficients("dj-feedback", {"event_id": event.pk})[songs[2].pk] > 0


def test_ending_closes_the_song_requests_then_the_event_then_rebuilds_the_model(
    event, host, dj, guest, guest2, songs, monkeypatch
):
    rebuilds = []
    monkeypatch.setattr(recommend_engine.engine(), "rebuild", lambda: rebuilds.append(True))
    song_requests = [actions.request_song(guest, song.pk) for song in songs[:3]]
    actions.play(event, dj, song_requests[0].pk)
    actions.accept(event, dj, song_requests[1].pk)
    before = current_seq(event.pk)
    with TestCase.captureOnCommitCallbacks(execute=False) as after_commit:
        ended = actions.end_event(event, host)
    assert ended.status == Event.Status.ENDED
    assert kinds_since(event, before) == [
        "request.cancelled",
        "request.cancelled",
        "now_playing.changed",
        "event.ended",
    ]
    assert dict(SongRequest.objects.filter(event=event).values_list("pk", "status")) == {
        song_requests[0].pk: Status.PLAYED,
        song_requests[1].pk: Status.CANCELLED,
        song_requests[2].pk: Status.CANCELLED,
    }
    assert not DJMembership.objects.filter(event=event, live=True).exists()
    assert rebuilds == []  # the night's sessions are learnt once the end has committed
    for callback in after_commit:
        callback()
    assert rebuilds == [True]
