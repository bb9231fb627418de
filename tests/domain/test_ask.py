import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liveparty import actions
from liveparty.actions import join_event, start_event
from liveparty.errors import Conflict, NotFound
from liveparty.song_requests.models import SongRequest
from tests.invariants import assert_invariants
from tests.log import kinds_since, updates_since
from tests.statements import under_the_events_lock


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


def test_its_update_is_the_request_as_read_again_and_one_write_under_the_lock(event, dj, guest, guest2, songs):
    """An ask is sent as one write, and what it tells every page is built from the request
    read under the event's lock: it must be the request as the database then holds it."""
    picked = actions.queue_song(event, dj, songs[0].pk)  # a DJ's pick: no asker yet
    requested = actions.request_song(guest, songs[1].pk)
    actions.ask(guest2, requested.pk)
    actions.cancel(guest, requested.pk)  # its requester is no longer among its askers
    expected = {
        (picked.pk, guest.pk): ("DJ Dave", None, ["Gina"]),
        (picked.pk, guest2.pk): ("DJ Dave", None, ["Gina", "Gus"]),
        (requested.pk, guest.pk): (None, "Gina", ["Gus", "Gina"]),
    }
    for (song_request_id, asker_id), (picked_by, requested_by, askers) in expected.items():
        asker = guest if asker_id == guest.pk else guest2
        with CaptureQueriesContext(connection) as queries:
            asked = actions.ask(asker, song_request_id)
        update = updates_since(event, 0)[-1]
        read_again = SongRequest.objects.with_details().get(pk=song_request_id).public
        assert update["kind"] == "request.asked"
        assert update["data"] == asked.public == read_again
        assert (read_again["picked_by"], read_again["requested_by"], read_again["askers"]) == (
            picked_by,
            requested_by,
            askers,
        )
        if connection.vendor == "postgresql":  # SQLite locks the whole database instead
            assert len(under_the_events_lock(queries)) == 3, "the request, its names and asks, the write"
    assert_invariants(event)


def test_asking_again_writes_nothing_and_answers_the_request(event, guest, guest2, song):
    song_request = actions.request_song(guest, song.pk)
    actions.ask(guest2, song_request.pk)
    again = actions.ask(guest2, song_request.pk)
    assert again.public == SongRequest.objects.with_details().get(pk=song_request.pk).public
    assert again.public["askers"] == ["Gina", "Gus"]
    assert kinds_since(event, 0) == ["request.created", "request.asked"]
