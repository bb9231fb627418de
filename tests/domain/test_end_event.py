import pytest

from liveparty import actions
from liveparty.actions import end_event, invite_co_dj, join_event, start_event
from liveparty.errors import EventEnded, Forbidden
from liveparty.events.models import DJMembership, Event
from liveparty.song_requests.models import SongRequest, Status
from liveparty.updates.services import current_seq
from tests.invariants import assert_invariants
from tests.log import kinds_since


@pytest.fixture
def busy_party(event, dj, guest, guest2, songs):
    """Something playing, two songs queued, one on the stack."""
    song_requests = [actions.request_song(guest, song.pk) for song in songs[:4]]
    actions.play(event, dj, song_requests[0].pk)
    actions.accept(event, dj, song_requests[1].pk)
    actions.accept(event, dj, song_requests[2].pk)
    return song_requests


def test_it_ends_the_event(event, host):
    ended = end_event(event, host)
    assert ended.status == Event.Status.ENDED
    assert ended.ended_at is not None
    assert not DJMembership.objects.filter(event=event, live=True).exists()


def test_it_closes_open_song_requests_and_deletes_nothing(event, host, busy_party):
    end_event(event, host)
    statuses = dict(SongRequest.objects.filter(event=event).values_list("pk", "status"))
    assert statuses == {
        busy_party[0].pk: Status.PLAYED,
        busy_party[1].pk: Status.CANCELLED,
        busy_party[2].pk: Status.CANCELLED,
        busy_party[3].pk: Status.CANCELLED,
    }
    assert_invariants(event)


def test_it_records_each_closed_song_request_then_the_end(event, host, busy_party):
    before = current_seq(event.pk)
    end_event(event, host)
    assert kinds_since(event, before) == [
        "request.cancelled",
        "request.cancelled",
        "request.cancelled",
        "now_playing.changed",
        "event.ended",
    ]


def test_it_lets_the_main_dj_end_the_event(event, dj):
    assert end_event(event, dj).status == Event.Status.ENDED


def test_it_refuses_a_co_dj(event, dj, co_dj):
    invite_co_dj(event, dj, co_dj.username)
    with pytest.raises(Forbidden):
        end_event(event, co_dj)


def test_it_refuses_an_outsider(event, outsider):
    with pytest.raises(Forbidden):
        end_event(event, outsider)


def test_it_frees_the_djs_for_another_event(event, host, dj):
    end_event(event, host)
    assert start_event(host, "After party", dj.username).is_live


def test_it_answers_event_ended_to_every_later_action(event, host, dj, co_dj, guest, busy_party, songs):
    end_event(event, host)
    pending = busy_party[3]
    later_actions = [
        lambda: end_event(event, host),
        lambda: invite_co_dj(event, dj, co_dj.username),
        lambda: join_event(event, "Late Larry"),
        lambda: actions.request_song(guest, songs[5].pk),
        lambda: actions.ask(guest, pending.pk),
        lambda: actions.cancel(guest, pending.pk),
        lambda: actions.accept(event, dj, pending.pk),
        lambda: actions.deny(event, dj, pending.pk),
        lambda: actions.play(event, dj, pending.pk),
        lambda: actions.reorder(event, dj, pending.pk, 1),
    ]
    for action in later_actions:
        with pytest.raises(EventEnded):
            action()
