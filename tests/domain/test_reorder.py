import pytest

from consumers import messages
from liveparty import actions
from liveparty.catalog.models import Song
from liveparty.errors import Conflict, Forbidden, Invalid
from liveparty.updates.services import current_seq, guest_group
from tests.invariants import assert_invariants
from tests.log import LayerProbe, kinds_since, updates_since


@pytest.fixture
def queue(event, dj, guest, guest2, songs):
    song_requests = [actions.request_song(guest if i % 2 else guest2, song.pk) for i, song in enumerate(songs[:4])]
    for song_request in song_requests:
        actions.accept(event, dj, song_request.pk)
    return song_requests


@pytest.mark.parametrize(
    ("index", "position", "expected"), [(3, 1, [3, 0, 1, 2]), (0, 4, [1, 2, 3, 0]), (1, 3, [0, 2, 1, 3])]
)
def test_it_moves_a_song_request_and_keeps_positions_contiguous(event, dj, queue, index, position, expected):
    before = current_seq(event.pk)
    result = actions.reorder(event, dj, queue[index].pk, position)
    assert [song_request.pk for song_request in result] == [queue[i].pk for i in expected]
    assert [song_request.position for song_request in result] == [1, 2, 3, 4]
    assert kinds_since(event, before) == ["queue.changed"]
    assert_invariants(event)


def test_it_records_nothing_when_the_position_does_not_change(event, dj, queue):
    before = current_seq(event.pk)
    actions.reorder(event, dj, queue[1].pk, 2)
    assert current_seq(event.pk) == before


def test_it_tells_the_askers_of_a_new_head(event, dj, guest, queue, django_capture_on_commit_callbacks):
    probe = LayerProbe(guest_group(guest.pk))
    with django_capture_on_commit_callbacks(execute=True):
        actions.reorder(event, dj, queue[1].pk, 1)
    assert [n["kind"] for n in probe.drain()] == ["you_are_next"]


@pytest.mark.parametrize("position", [0, 5, -1])
def test_it_refuses_a_position_off_the_queue(event, dj, queue, position):
    with pytest.raises(Invalid):
        actions.reorder(event, dj, queue[0].pk, position)


def test_it_refuses_a_song_request_not_in_the_queue(event, dj, guest, songs, queue):
    pending = actions.request_song(guest, songs[6].pk)
    with pytest.raises(Conflict) as refused:
        actions.reorder(event, dj, pending.pk, 1)
    assert refused.value.code == "not_queued"


def test_it_refuses_anyone_but_the_djs(event, host, queue):
    with pytest.raises(Forbidden):
        actions.reorder(event, host, queue[0].pk, 2)


def test_a_reorder_in_a_long_queue_sends_each_phone_its_order_not_its_requests(event, dj):
    """Issue 14: a reorder in a 50-entry queue is well under 1 KB on the wire."""
    songs = Song.objects.bulk_create(
        Song(title=f"A rather long song title, number {n}", artist="The Band With A Long Name") for n in range(50)
    )
    picks = [actions.queue_song(event, dj, song.pk) for song in songs]
    before = current_seq(event.pk)
    actions.reorder(event, dj, picks[-1].pk, 1)
    (update,) = updates_since(event, before)
    assert update["data"] == {"order": [picks[-1].pk, *(pick.pk for pick in picks[:-1])]}
    assert len(messages.dumps(update).encode()) < 1024
