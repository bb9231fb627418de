import pytest

from liveparty import actions
from liveparty.errors import Conflict, Forbidden
from liveparty.updates.services import current_seq, guest_group
from tests.invariants import assert_invariants
from tests.log import LayerProbe, kinds_since


def test_it_denies_a_pending_song_request(event, dj, guest, song):
    song_request = actions.request_song(guest, song.pk)
    denied = actions.deny(event, dj, song_request.pk)
    assert (denied.status, denied.position, denied.closed_at is not None) == ("denied", None, True)
    assert kinds_since(event, 0) == ["request.created", "request.denied"]


def test_it_denies_a_queued_song_request_and_closes_the_gap(event, dj, guest, songs):
    first, second = (actions.request_song(guest, song.pk) for song in songs[:2])
    actions.accept(event, dj, first.pk)
    actions.accept(event, dj, second.pk)
    before = current_seq(event.pk)
    actions.deny(event, dj, first.pk)
    assert kinds_since(event, before) == ["request.denied", "queue.changed"]
    assert_invariants(event)


def test_it_tells_the_askers_and_the_new_head(
    event, dj, guest, guest2, queued_pair, django_capture_on_commit_callbacks
):
    first, _ = queued_pair
    probes = [LayerProbe(guest_group(guest.pk)), LayerProbe(guest_group(guest2.pk))]
    with django_capture_on_commit_callbacks(execute=True):
        actions.deny(event, dj, first.pk)
    assert [n["kind"] for n in probes[0].drain()] == ["request_denied"]
    assert [n["kind"] for n in probes[1].drain()] == ["you_are_next"]


def test_it_refuses_a_guest_account_that_is_not_a_dj(event, outsider, guest, song):
    song_request = actions.request_song(guest, song.pk)
    with pytest.raises(Forbidden):
        actions.deny(event, outsider, song_request.pk)


def test_it_refuses_a_song_request_already_closed(event, dj, guest, song):
    song_request = actions.request_song(guest, song.pk)
    actions.deny(event, dj, song_request.pk)
    with pytest.raises(Conflict):
        actions.deny(event, dj, song_request.pk)
