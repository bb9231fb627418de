import pytest

from liveparty import actions
from liveparty.errors import Conflict, NotFound
from liveparty.updates.services import current_seq
from tests.invariants import assert_invariants
from tests.log import kinds_since, updates_since


def test_it_withdraws_my_ask_and_keeps_the_song_request_for_the_others(event, guest, guest2, song):
    song_request = actions.request_song(guest, song.pk)
    actions.ask(guest2, song_request.pk)
    after = actions.cancel(guest, song_request.pk)
    assert (after.status, after.ask_count) == ("pending", 1)
    assert after.public["askers"] == ["Gus"]
    assert kinds_since(event, 0)[-1] == "request.cancelled"
    assert_invariants(event)


def test_it_closes_the_song_request_when_the_last_ask_goes(event, guest, song):
    song_request = actions.request_song(guest, song.pk)
    after = actions.cancel(guest, song_request.pk)
    assert (after.status, after.ask_count, after.closed_at is not None) == ("cancelled", 0, True)


def test_it_closes_the_gap_in_the_queue(event, dj, guest, guest2, songs):
    first, second, third = (actions.request_song(guest2, song.pk) for song in songs[:3])
    for song_request in (first, second, third):
        actions.accept(event, dj, song_request.pk)
    before = current_seq(event.pk)
    actions.cancel(guest2, first.pk)
    assert kinds_since(event, before) == ["request.cancelled", "queue.changed"]
    assert updates_since(event, before)[-1]["data"] == {"order": [second.pk, third.pk]}
    assert_invariants(event)


def test_it_answers_not_found_when_i_never_asked(event, guest, guest2, song):
    song_request = actions.request_song(guest, song.pk)
    with pytest.raises(NotFound):
        actions.cancel(guest2, song_request.pk)


def test_it_refuses_a_closed_song_request(event, dj, guest, song):
    song_request = actions.request_song(guest, song.pk)
    actions.play(event, dj, song_request.pk)
    with pytest.raises(Conflict):
        actions.cancel(guest, song_request.pk)
