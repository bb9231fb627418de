import pytest

from liveparty import actions
from liveparty.actions import end_event, invite_co_dj
from liveparty.errors import NotFound
from liveparty.song_requests.models import SongRequest
from liveparty.updates.models import Kind
from liveparty.updates.services import event_group, news_layer, record
from tests.invariants import assert_invariants
from tests.log import LayerProbe, updates_since


def test_it_numbers_updates_from_one_without_gaps(event, host, dj, co_dj, guest, guest2, songs):
    song_requests = [actions.request_song(guest, song.pk) for song in songs[:3]]
    actions.ask(guest2, song_requests[0].pk)
    actions.accept(event, dj, song_requests[0].pk)
    actions.accept(event, dj, song_requests[1].pk)
    actions.reorder(event, dj, song_requests[1].pk, 1)
    actions.play(event, dj, song_requests[1].pk)
    actions.deny(event, dj, song_requests[2].pk)
    invite_co_dj(event, dj, co_dj.username)
    end_event(event, host)
    assert [u["seq"] for u in updates_since(event, 0)] == list(range(1, 15))
    assert_invariants(event)


def test_it_publishes_each_update_after_commit(event, guest, song, django_capture_on_commit_callbacks):
    probe = LayerProbe(event_group(event.pk))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        song_request = actions.request_song(guest, song.pk)
    assert probe.drain() == [], "published before the commit"
    for callback in callbacks:
        callback()
    [message] = probe.drain()
    assert message == {
        "type": "party.update",
        "event_id": event.pk,
        "seq": 1,
        "kind": "request.created",
        "data": song_request.public,
    }


def test_it_publishes_nothing_for_a_refused_action(event, guest, django_capture_on_commit_callbacks):
    probe = LayerProbe(event_group(event.pk))
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(NotFound):
        actions.request_song(guest, 999_999)
    assert probe.drain() == []
    assert updates_since(event, 0) == []


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_record_outside_a_transaction(event):
    with pytest.raises(RuntimeError):
        record(event.pk, Kind.EVENT_ENDED, {})


@pytest.mark.django_db(transaction=True)
def test_a_failure_to_publish_is_logged_and_the_change_stands(event, guest, song, monkeypatch, caplog):
    async def unreachable(group: str, message: dict) -> None:
        raise ConnectionError("redis went away")

    monkeypatch.setattr(news_layer(), "group_send", unreachable)
    song_request = actions.request_song(guest, song.pk)
    assert SongRequest.objects.get(pk=song_request.pk).status == "pending"
    assert "redis went away" in caplog.text
