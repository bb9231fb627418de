"""A DJ queues a song of their own (a suggestion): at the end, or next; a song already
waiting is that request, accepted from the stack or moved in the queue."""

import pytest

from liveparty import actions
from liveparty.actions import end_event
from liveparty.errors import Conflict, EventEnded, Forbidden, Invalid
from liveparty.song_requests.models import SongRequest
from liveparty.updates.services import current_seq, guest_group
from tests.invariants import assert_invariants
from tests.log import LayerProbe, kinds_since


def test_it_queues_a_new_pick_at_the_end(event, dj, queued_pair, songs):
    before = current_seq(event.pk)
    pick = actions.queue_song(event, dj, songs[5].pk)
    assert (pick.status, pick.position, pick.ask_count, pick.requested_by, pick.picked_by) == ("queued", 3, 0, None, dj)
    assert pick.public["picked_by"] == "DJ Dave"
    assert pick.public["requested_by"] is None
    assert kinds_since(event, before) == ["request.created"]
    assert_invariants(event)


def test_play_next_puts_it_first_and_moves_the_rest_down(event, dj, queued_pair, songs):
    first, second = queued_pair
    before = current_seq(event.pk)
    pick = actions.queue_song(event, dj, songs[5].pk, position=1)
    assert pick.position == 1
    assert list(
        SongRequest.objects.filter(event=event, status="queued").order_by("position").values_list("pk", flat=True)
    ) == [
        pick.pk,
        first.pk,
        second.pk,
    ]
    assert kinds_since(event, before) == ["request.created", "queue.changed"]
    assert_invariants(event)


def test_a_song_on_the_stack_is_accepted_and_its_askers_told(
    event, dj, guest, guest2, song, django_capture_on_commit_callbacks
):
    song_request = actions.request_song(guest, song.pk)
    actions.ask(guest2, song_request.pk)
    probe = LayerProbe(guest_group(guest.pk))
    with django_capture_on_commit_callbacks(execute=True):
        queued = actions.queue_song(event, dj, song.pk, position=1)
    assert (queued.pk, queued.status, queued.position, queued.ask_count) == (song_request.pk, "queued", 1, 2)
    assert sorted(message["kind"] for message in probe.drain()) == ["request_accepted", "you_are_next"]


def test_a_song_in_the_queue_moves(event, dj, queued_pair):
    _, second = queued_pair
    before = current_seq(event.pk)
    moved = actions.queue_song(event, dj, second.song_id, position=1)
    assert (moved.pk, moved.position) == (second.pk, 1)
    assert kinds_since(event, before) == ["queue.changed"]


def test_a_guest_can_add_an_ask_to_a_djs_pick(event, dj, guest, song):
    pick = actions.queue_song(event, dj, song.pk)
    song_request = actions.request_song(guest, song.pk)
    assert (
        song_request.pk,
        song_request.ask_count,
        song_request.public["askers"],
        song_request.public["picked_by"],
    ) == (
        pick.pk,
        1,
        ["Gina"],
        "DJ Dave",
    )


@pytest.mark.parametrize("position", [0, 4])
def test_a_position_outside_the_queue_is_invalid(event, dj, queued_pair, songs, position):
    with pytest.raises(Invalid) as refused:
        actions.queue_song(event, dj, songs[5].pk, position=position)
    assert "between 1 and 3" in refused.value.message


def test_it_refuses_the_song_playing_and_a_blocked_one(event, dj, guest, songs):
    actions.play(event, dj, actions.request_song(guest, songs[0].pk).pk)
    with pytest.raises(Conflict) as playing:
        actions.queue_song(event, dj, songs[0].pk)
    assert playing.value.code == "now_playing"
    actions.block(event, dj, songs[1].pk)
    with pytest.raises(Conflict) as blocked:
        actions.queue_song(event, dj, songs[1].pk)
    assert blocked.value.code == "blocked"


def test_only_the_djs_of_a_live_party_queue(event, dj, host, co_dj, song):
    with pytest.raises(Forbidden):
        actions.queue_song(event, host, song.pk)
    end_event(event, host)
    with pytest.raises(EventEnded):
        actions.queue_song(event, dj, song.pk)
