import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liveparty import actions
from liveparty.catalog.models import Song
from liveparty.errors import NotFound
from liveparty.song_requests.models import Ask, SongRequest
from tests.invariants import assert_invariants
from tests.log import kinds_since, updates_since
from tests.statements import under_the_events_lock


def test_it_puts_a_song_on_the_stack(event, guest, song):
    song_request = actions.request_song(guest, song.pk)
    assert (song_request.status, song_request.ask_count, song_request.requested_by, song_request.position) == (
        "pending",
        1,
        guest,
        None,
    )
    assert Ask.objects.filter(song_request=song_request, guest=guest).exists()
    [update] = updates_since(event, 0)
    assert update["kind"] == "request.created"
    assert update["data"] == song_request.public
    assert update["data"]["askers"] == ["Gina"]


def test_it_adds_an_ask_when_the_song_is_already_on_the_stack(event, guest, guest2, song):
    first = actions.request_song(guest, song.pk)
    second = actions.request_song(guest2, song.pk)
    assert second.pk == first.pk
    assert second.ask_count == 2
    assert second.public["askers"] == ["Gina", "Gus"]
    assert SongRequest.objects.count() == 1
    assert kinds_since(event, 0) == ["request.created", "request.asked"]


def test_it_counts_a_guest_once(event, guest, song):
    actions.request_song(guest, song.pk)
    again = actions.request_song(guest, song.pk)
    assert again.ask_count == 1
    assert kinds_since(event, 0) == ["request.created"]


def test_it_adds_an_ask_to_a_queued_song_request(event, dj, guest, guest2, song):
    song_request = actions.request_song(guest, song.pk)
    actions.accept(event, dj, song_request.pk)
    again = actions.request_song(guest2, song.pk)
    assert (again.pk, again.status, again.ask_count) == (song_request.pk, "queued", 2)


def test_it_opens_a_new_song_request_for_a_song_denied_before(event, dj, guest, guest2, song):
    denied = actions.request_song(guest, song.pk)
    actions.deny(event, dj, denied.pk)
    fresh = actions.request_song(guest2, song.pk)
    assert fresh.pk != denied.pk
    assert fresh.status == "pending"
    assert_invariants(event)


def test_it_answers_not_found_for_an_unknown_song(event, guest):
    with pytest.raises(NotFound):
        actions.request_song(guest, 999_999)
    assert kinds_since(event, 0) == []


def test_the_same_song_from_another_album_is_the_same_song_request(event, guest, guest2):
    original, compilation, cover = Song.objects.bulk_create(
        [
            Song(title="September", artist="Earth, Wind & Fire", album="I Am"),
            Song(title="September - Remastered 2011", artist="Earth, Wind & Fire", album="Greatest Hits"),
            Song(title="September", artist="Taylor Swift", album="Cover"),
        ]
    )
    song_request = actions.request_song(guest, original.pk)
    assert actions.request_song(guest2, compilation.pk).pk == song_request.pk
    assert actions.request_song(guest2, cover.pk).pk != song_request.pk
    assert SongRequest.objects.get(pk=song_request.pk).ask_count == 2


def test_its_answer_needs_no_read_after_the_request(event, guest, song, django_assert_num_queries):
    """The guest's answer is the request as the update gave it: nothing read again for it."""
    song_request = actions.request_song(guest, song.pk)
    with django_assert_num_queries(0):
        answer = song_request.public
    assert answer == updates_since(event, 0)[-1]["data"]
    assert answer == SongRequest.objects.with_details().get(pk=song_request.pk).public


def test_under_the_events_lock_a_new_request_is_one_write(event, guest, song):
    """The request, its first ask and its update go to PostgreSQL as one statement: every
    action of the party waits while this one holds the event's lock."""
    with CaptureQueriesContext(connection) as queries:
        song_request = actions.request_song(guest, song.pk)
    if connection.vendor == "postgresql":  # SQLite locks the whole database instead
        assert len(under_the_events_lock(queries)) == 2, "the song's open request, then the write"
    ask = Ask.objects.get(song_request=song_request)
    assert (ask.guest, ask.withdrawn_at, song_request.ask_count) == (guest, None, 1)
    assert updates_since(event, 0)[-1]["data"]["id"] == song_request.pk
    assert SongRequest.objects.with_details().get(pk=song_request.pk).public == song_request.public
