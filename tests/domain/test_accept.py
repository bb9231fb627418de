import pytest

from liveparty import actions
from liveparty.actions import invite_co_dj
from liveparty.errors import Conflict, Forbidden, NotFound
from liveparty.updates.services import guest_group
from tests.invariants import assert_invariants
from tests.log import LayerProbe, kinds_since, updates_since


def test_it_queues_a_pending_song_request_at_the_end(event, dj, guest, songs):
    first, second = (actions.request_song(guest, song.pk) for song in songs[:2])
    assert actions.accept(event, dj, first.pk).position == 1
    accepted = actions.accept(event, dj, second.pk)
    assert (accepted.status, accepted.position, accepted.accepted_at is not None) == ("queued", 2, True)
    assert updates_since(event, 0)[-1] == {
        "type": "update",
        "seq": 4,
        "kind": "request.accepted",
        "data": accepted.public,
    }
    assert_invariants(event)


def test_it_lets_a_co_dj_accept(event, dj, co_dj, guest, song):
    invite_co_dj(event, dj, co_dj.username)
    song_request = actions.request_song(guest, song.pk)
    assert actions.accept(event, co_dj, song_request.pk).status == "queued"


@pytest.mark.parametrize("who", ["host", "outsider"])
def test_it_refuses_anyone_but_the_djs(request, event, guest, song, who):
    song_request = actions.request_song(guest, song.pk)
    with pytest.raises(Forbidden):
        actions.accept(event, request.getfixturevalue(who), song_request.pk)
    assert kinds_since(event, 0) == ["request.created"]


def test_it_refuses_a_song_request_that_is_not_pending(event, dj, guest, song):
    song_request = actions.request_song(guest, song.pk)
    actions.accept(event, dj, song_request.pk)
    with pytest.raises(Conflict) as refused:
        actions.accept(event, dj, song_request.pk)
    assert refused.value.code == "not_pending"


def test_it_answers_not_found_for_an_unknown_song_request(event, dj):
    with pytest.raises(NotFound):
        actions.accept(event, dj, 999_999)


def test_it_tells_every_asker_accepted_and_next(event, dj, guest, guest2, song, django_capture_on_commit_callbacks):
    song_request = actions.request_song(guest, song.pk)
    actions.ask(guest2, song_request.pk)
    probes = {g.nickname: LayerProbe(guest_group(g.pk)) for g in (guest, guest2)}
    with django_capture_on_commit_callbacks(execute=True):
        actions.accept(event, dj, song_request.pk)
    for probe in probes.values():
        notices = probe.drain()
        assert [(n["type"], n["kind"]) for n in notices] == [
            ("party.notice", "request_accepted"),
            ("party.notice", "you_are_next"),
        ]
        assert notices[1]["data"]["request"]["position"] == 1


def test_it_says_you_are_next_only_for_the_head_of_the_queue(
    event, dj, guest, guest2, songs, django_capture_on_commit_callbacks
):
    first = actions.request_song(guest, songs[0].pk)
    second = actions.request_song(guest2, songs[1].pk)
    actions.accept(event, dj, first.pk)
    probe = LayerProbe(guest_group(guest2.pk))
    with django_capture_on_commit_callbacks(execute=True):
        actions.accept(event, dj, second.pk)
    assert [n["kind"] for n in probe.drain()] == ["request_accepted"]
