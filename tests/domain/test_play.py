import pytest

from liveparty import actions
from liveparty.errors import Conflict, Forbidden
from liveparty.song_requests.models import SongRequest
from liveparty.updates.services import current_seq, guest_group
from tests.invariants import assert_invariants
from tests.log import LayerProbe, kinds_since, updates_since


def test_it_plays_a_pending_song_request(event, dj, guest, song):
    song_request = actions.request_song(guest, song.pk)
    playing = actions.play(event, dj, song_request.pk)
    assert (playing.status, playing.played_at is not None) == ("playing", True)
    [update] = updates_since(event, 1)
    assert update["kind"] == "now_playing.changed"
    assert update["data"] == {"now_playing": playing.public, "played": None}


def test_it_sends_the_previous_song_to_history(event, dj, guest, songs):
    first, second = (actions.request_song(guest, song.pk) for song in songs[:2])
    actions.play(event, dj, first.pk)
    actions.play(event, dj, second.pk)
    played = SongRequest.objects.get(pk=first.pk)
    assert (played.status, played.closed_at is not None) == ("played", True)
    assert updates_since(event, 0)[-1]["data"]["played"] == played.public


def test_it_plays_the_head_of_the_queue_and_moves_the_rest_up(event, dj, guest, songs):
    song_requests = [actions.request_song(guest, song.pk) for song in songs[:3]]
    for song_request in song_requests:
        actions.accept(event, dj, song_request.pk)
    before = current_seq(event.pk)
    actions.play(event, dj, song_requests[0].pk)
    assert kinds_since(event, before) == ["now_playing.changed", "queue.changed"]
    assert updates_since(event, before)[-1]["data"] == {"order": [song_requests[1].pk, song_requests[2].pk]}
    assert_invariants(event)


def test_it_tells_the_askers_it_plays_and_the_next_ones_they_are_next(
    event, dj, guest, guest2, queued_pair, django_capture_on_commit_callbacks
):
    first, _ = queued_pair
    probes = [LayerProbe(guest_group(guest.pk)), LayerProbe(guest_group(guest2.pk))]
    with django_capture_on_commit_callbacks(execute=True):
        actions.play(event, dj, first.pk)
    assert [n["kind"] for n in probes[0].drain()] == ["request_played"]
    assert [n["kind"] for n in probes[1].drain()] == ["you_are_next"]


def test_it_refuses_a_song_already_playing(event, dj, guest, song):
    song_request = actions.request_song(guest, song.pk)
    actions.play(event, dj, song_request.pk)
    with pytest.raises(Conflict):
        actions.play(event, dj, song_request.pk)


def test_it_refuses_the_host_who_is_not_a_dj(event, host, guest, song):
    song_request = actions.request_song(guest, song.pk)
    with pytest.raises(Forbidden):
        actions.play(event, host, song_request.pk)
