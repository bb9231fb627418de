"""Many guests, one song, the same instant, real PostgreSQL connections."""

import pytest

from liveparty import actions
from liveparty.actions import join_event
from liveparty.catalog.models import Song
from liveparty.errors import RateLimited
from liveparty.song_requests.models import Ask, SongRequest
from liveparty.song_requests.services import MAX_OPEN_REQUESTS
from tests.invariants import assert_invariants
from tests.log import kinds_since
from tests.threads import run_together

pytestmark = pytest.mark.django_db(transaction=True)

GUESTS = 50


def test_fifty_guests_requesting_one_song_make_one_song_request_with_fifty_asks(event, song):
    guests = [join_event(event, f"Guest {i}")[0] for i in range(GUESTS)]
    results = run_together(actions.request_song, [(guest, song.pk) for guest in guests])
    assert [r for r in results if isinstance(r, Exception)] == []
    song_request = SongRequest.objects.get()
    assert song_request.ask_count == GUESTS
    assert Ask.objects.filter(song_request=song_request).count() == GUESTS
    assert {result.pk for result in results} == {song_request.pk}
    assert kinds_since(event, 0) == ["request.created"] + ["request.asked"] * (GUESTS - 1)
    assert_invariants(event)


def test_one_guest_firing_requests_at_once_stays_within_the_limits(event, guest, dj):
    """The limits are checked under the guest's own lock, before the event's: twenty
    requests from one phone at the same instant still make five waiting songs."""
    songs = Song.objects.bulk_create(Song(title=f"Spam {n}", artist="Bot") for n in range(20))
    rating_too = [(actions.rate, (guest, 5))]  # a rating refers to the guest under the event's lock: no deadlock
    song_request = actions.request_song(join_event(event, "Playing")[0], songs[0].pk)
    actions.play(event, dj, song_request.pk)
    calls = [(actions.request_song, (guest, song.pk)) for song in songs[1:]] + rating_too
    results = run_together(lambda func, args: func(*args), calls)
    refusals = [r for r in results if isinstance(r, Exception)]
    assert {type(r) for r in refusals} == {RateLimited}
    assert len(results) - len(refusals) == MAX_OPEN_REQUESTS + 1  # five requests and the rating
    assert Ask.objects.filter(guest=guest, withdrawn_at__isnull=True).count() == MAX_OPEN_REQUESTS
    assert_invariants(event)


def test_a_mute_in_the_middle_of_a_guests_burst_neither_deadlocks_nor_lets_an_ask_count(event, dj, guest):
    """The mute takes the guest's row before the event's, as the guest's own actions do:
    whatever order they come in, each finishes, and what commits after the mute is refused."""
    songs = Song.objects.bulk_create(Song(title=f"Burst {n}", artist="Bot") for n in range(8))
    others = [join_event(event, f"Friend {n}")[0] for n in range(4)]
    calls = [(actions.request_song, (guest, song.pk)) for song in songs[:4]]
    calls += [(actions.request_song, (friend, song.pk)) for friend, song in zip(others, songs[4:], strict=True)]
    calls.insert(3, (actions.mute, (event, dj, guest.nickname)))
    results = run_together(lambda func, args: func(*args), calls)
    refusals = [r for r in results if isinstance(r, Exception)]
    assert all(getattr(r, "code", None) == "muted" for r in refusals), refusals
    assert Ask.objects.filter(guest=guest, withdrawn_at__isnull=True).count() == 0
    assert SongRequest.objects.filter(requested_by__in=others, status="pending").count() == 4
    assert_invariants(event)
