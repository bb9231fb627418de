from datetime import timedelta

import pytest
from django.utils import timezone

from liveparty import actions
from liveparty.catalog.models import Song
from liveparty.errors import Conflict, RateLimited
from liveparty.song_requests.services import (
    MAX_OPEN_REQUESTS,
    MAX_REQUESTS_PER_WINDOW,
    REPLAY_COOLDOWN,
    REQUEST_WINDOW,
    RecentlyPlayed,
)


class Clock:
    """Stands in for django.utils.timezone.now, so tests move time instead of waiting."""

    def __init__(self) -> None:
        self.now = timezone.now()

    def __call__(self):
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def many_songs(db):
    return [Song.objects.create(title=f"Song {i}", artist="Band") for i in range(MAX_REQUESTS_PER_WINDOW + 5)]


def test_it_limits_the_songs_a_guest_has_waiting(event, guest, many_songs):
    for song in many_songs[:MAX_OPEN_REQUESTS]:
        actions.request_song(guest, song.pk)
    with pytest.raises(RateLimited) as refused:
        actions.request_song(guest, many_songs[MAX_OPEN_REQUESTS].pk)
    assert refused.value.code == "rate_limited"
    assert refused.value.retry_after > 0
    # One sentence that says what to do, and no wait that contradicts it.
    assert (
        refused.value.message == "You already have 5 songs waiting: withdraw one, or request more once one is played."
    )


def test_it_frees_a_slot_when_a_song_is_played(event, dj, guest, many_songs):
    song_requests = [actions.request_song(guest, song.pk) for song in many_songs[:MAX_OPEN_REQUESTS]]
    actions.play(event, dj, song_requests[0].pk)
    assert actions.request_song(guest, many_songs[MAX_OPEN_REQUESTS].pk).status == "pending"


def test_it_limits_the_request_rate_and_says_when_to_retry(event, dj, guest, guest2, many_songs, clock):
    # guest2 keeps the songs open so that withdrawing doesn't close them; guest churns asks.
    song_requests = [actions.request_song(guest2, song.pk) for song in many_songs[:MAX_OPEN_REQUESTS]]
    for i in range(MAX_REQUESTS_PER_WINDOW):
        song_request = song_requests[i % len(song_requests)]
        actions.ask(guest, song_request.pk)
        actions.cancel(guest, song_request.pk)
        clock.advance(timedelta(seconds=1))
    with pytest.raises(RateLimited) as refused:
        actions.ask(guest, song_requests[0].pk)
    expected = REQUEST_WINDOW - timedelta(seconds=MAX_REQUESTS_PER_WINDOW)
    assert refused.value.retry_after == int(expected.total_seconds())
    clock.advance(expected)
    assert actions.ask(guest, song_requests[0].pk).ask_count == 2


def test_it_refuses_the_song_playing_now(event, dj, guest, guest2, song):
    actions.play(event, dj, actions.request_song(guest, song.pk).pk)
    with pytest.raises(Conflict) as refused:
        actions.request_song(guest2, song.pk)
    assert refused.value.code == "now_playing"


def test_it_keeps_a_played_song_off_the_menu_for_the_cooldown(event, dj, guest, guest2, songs, clock):
    song = songs[0]
    song_request = actions.request_song(guest, song.pk)
    actions.play(event, dj, song_request.pk)
    clock.advance(timedelta(minutes=4))
    actions.play(event, dj, actions.request_song(guest, songs[1].pk).pk)
    clock.advance(timedelta(minutes=6))
    with pytest.raises(RecentlyPlayed) as refused:
        actions.request_song(guest2, song.pk)
    assert refused.value.code == "recently_played"
    assert refused.value.retry_after == int((REPLAY_COOLDOWN - timedelta(minutes=10)).total_seconds())
    clock.advance(REPLAY_COOLDOWN)
    again = actions.request_song(guest2, song.pk)
    assert again.pk != song_request.pk
