import pytest

from liveparty import actions
from liveparty.actions import join_event, start_event
from liveparty.errors import Conflict, NotFound
from tests.invariants import assert_invariants
from tests.log import kinds_since


def test_it_adds_one_ask(event, guest, guest2, song):
    song_request = actions.request_song(guest, song.pk)
    assert actions.ask(guest2, song_request.pk).ask_count == 2
    assert kinds_since(event, 0) == ["request.created", "request.asked"]


def test_it_counts_asking_twice_once(event, guest, guest2, song):
    song_request = actions.request_song(guest, song.pk)
    actions.ask(guest2, song_request.pk)
    assert actions.ask(guest2, song_request.pk).ask_count == 2
    assert kinds_since(event, 0) == ["request.created", "request.asked"]
    assert_invariants(event)


def test_it_takes_an_ask_again_after_a_withdrawal(event, guest, guest2, song):
    song_request = actions.request_song(guest, song.pk)
    actions.ask(guest2, song_request.pk)
    actions.cancel(guest2, song_request.pk)
    assert actions.ask(guest2, song_request.pk).ask_count == 2
    assert_invariants(event)


def test_it_answers_not_found_for_an_unknown_song_request(event, guest):
    with pytest.raises(NotFound):
        actions.ask(guest, 999_999)


def test_it_answers_not_found_for_a_song_request_of_another_event(event, guest, song, co_dj, outsider):
    other = start_event(outsider, "Elsewhere", co_dj.username)
    stranger, _ = join_event(other, "Stranger")
    song_request = actions.request_song(stranger, song.pk)
    with pytest.raises(NotFound):
        actions.ask(guest, song_request.pk)


def test_it_refuses_a_closed_song_request(event, dj, guest, guest2, song):
    song_request = actions.request_song(guest, song.pk)
    actions.deny(event, dj, song_request.pk)
    with pytest.raises(Conflict) as refused:
        actions.ask(guest2, song_request.pk)
    assert refused.value.code == "request_closed"
