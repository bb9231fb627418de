"""Many guests, one song, the same instant, real PostgreSQL connections."""

import pytest

from liveparty import actions
from liveparty.actions import join_event
from liveparty.song_requests.models import Ask, SongRequest
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
