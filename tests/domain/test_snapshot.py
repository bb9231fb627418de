import pytest

from liveparty import actions
from liveparty.accounts.services import Identity
from liveparty.actions import invite_co_dj, start_event
from liveparty.catalog.models import Song
from liveparty.catalog.search import catalog_changed
from liveparty.errors import Forbidden
from liveparty.state import services as state
from liveparty.updates.services import current_seq


@pytest.fixture
def party(event, dj, guest, guest2, guest3, songs):
    """Playing, played, queued, pending and denied requests; guest asked for some."""
    e = [actions.request_song(guest2 if i < 3 else guest3, song.pk) for i, song in enumerate(songs[:6])]
    actions.ask(guest, e[2].pk)
    actions.ask(guest, e[4].pk)
    actions.play(event, dj, e[0].pk)
    actions.play(event, dj, e[1].pk)
    actions.accept(event, dj, e[2].pk)
    actions.accept(event, dj, e[3].pk)
    actions.deny(event, dj, e[5].pk)
    return e


def test_it_gives_the_public_state_and_its_seq(event, guest, party):
    snap = state.snapshot(event, "guest", Identity(guest=guest))
    assert snap["type"] == "snapshot"
    assert snap["seq"] == current_seq(event.pk)
    s = snap["state"]
    assert s["event"]["code"] == event.code
    assert s["now_playing"]["id"] == party[1].pk
    assert [e["id"] for e in s["history"]] == [party[0].pk]
    assert [(e["id"], e["position"]) for e in s["queue"]] == [(party[2].pk, 1), (party[3].pk, 2)]
    assert [e["id"] for e in s["stack"]] == [party[4].pk]
    assert s["crowd_mood"] is None


def test_it_orders_the_stack_by_asks_then_age(event, guest, guest2, guest3, songs):
    older, newer = (actions.request_song(guest, song.pk) for song in songs[:2])
    actions.ask(guest2, newer.pk)
    oldest_single = actions.request_song(guest3, songs[2].pk)
    stack = state.snapshot(event, "guest", Identity(guest=guest))["state"]["stack"]
    assert [e["id"] for e in stack] == [newer.pk, older.pk, oldest_single.pk]


def test_it_gives_a_guest_their_own_requests(event, guest, party):
    me = state.snapshot(event, "guest", Identity(guest=guest))["state"]["me"]
    assert me["guest"] == {"id": guest.pk, "nickname": "Gina"}
    assert [e["id"] for e in me["requests"]] == [party[4].pk, party[2].pk]


def test_it_gives_a_dj_their_role_and_suggestions(event, dj, co_dj):
    invite_co_dj(event, dj, co_dj.username)
    me = state.snapshot(event, "dj", Identity(user=co_dj))["state"]["me"]
    assert me == {"dj": {"username": "carla", "display_name": "Carla", "role": "co"}, "suggestions": []}


def test_it_gives_the_host_the_host_view(event, host):
    assert state.snapshot(event, "host", Identity(user=host))["state"]["me"] == {"host": host.public}


@pytest.mark.parametrize(
    ("role", "who"),
    [("guest", "host"), ("dj", "host"), ("dj", "outsider"), ("host", "dj"), ("host", "outsider")],
)
def test_it_refuses_a_role_the_identity_does_not_have(request, event, role, who):
    with pytest.raises(Forbidden):
        state.snapshot(event, role, Identity(user=request.getfixturevalue(who)))


def test_it_refuses_a_guest_of_another_event(event, guest, co_dj, outsider):
    other = start_event(outsider, "Elsewhere", co_dj.username)
    with pytest.raises(Forbidden):
        state.snapshot(other, "guest", Identity(guest=guest))


def test_it_bounds_the_history(event, dj, guest, monkeypatch, songs):
    monkeypatch.setattr(state, "HISTORY_LIMIT", 2)
    for song in songs[:4]:
        actions.play(event, dj, actions.request_song(guest, song.pk).pk)
    history = state.snapshot(event, "dj", Identity(user=dj))["state"]["history"]
    assert [e["song"]["id"] for e in history] == [songs[2].pk, songs[1].pk]


def test_it_gives_a_guest_their_rating_of_the_song_playing_until_the_next_plays(event, dj, guest, party):
    actions.rate(guest, 4)
    me = state.snapshot(event, "guest", Identity(guest=guest))["state"]["me"]
    assert me["rating"] == {"request_id": party[1].pk, "score": 4}
    actions.play(event, dj, party[2].pk)
    assert state.snapshot(event, "guest", Identity(guest=guest))["state"]["me"]["rating"] is None


def test_it_says_whether_the_dj_picked_tonights_songs_and_the_rules(event, dj, host):
    rules = {"requests_paused": False, "clean_only": False, "fair_order": False}
    assert state.snapshot(event, "host", Identity(user=host))["state"]["offer"] == {"whole_catalog": True, **rules}
    actions.pick(event, dj, genre=Song.objects.create(title="So What", artist="Miles", genre="Jazz").genre)
    actions.set_rules(event, dj, {"requests_paused": True, "fair_order": True})
    offer = state.snapshot(event, "host", Identity(user=host))["state"]["offer"]
    assert offer == {"whole_catalog": False, "requests_paused": True, "clean_only": False, "fair_order": True}


def test_viewers_at_the_same_seq_share_one_read_of_the_party(
    event, dj, guest, guest2, party, django_assert_max_num_queries
):
    """A reconnect storm reads the stack, the queue and the history once: each later
    snapshot at that seq reads only the viewer's own part."""
    first = state.snapshot(event, "guest", Identity(guest=guest))
    # The seq, the event, the guest's requests and their asks, the rating; and the
    # transaction's own statements (a savepoint here, an isolation level on PostgreSQL).
    with django_assert_max_num_queries(8):
        second = state.snapshot(event, "guest", Identity(guest=guest2))
    assert {**second["state"], "me": None} == {**first["state"], "me": None}
    assert second["state"]["me"]["guest"]["nickname"] == guest2.nickname
    assert second["state"]["me"]["requests"] != first["state"]["me"]["requests"]


def test_a_snapshot_after_a_change_reads_the_party_afresh(event, dj, guest, guest2, party):
    before = state.snapshot(event, "guest", Identity(guest=guest))
    actions.accept(event, dj, party[4].pk)
    after = state.snapshot(event, "guest", Identity(guest=guest2))
    assert after["seq"] > before["seq"]
    assert after["state"]["stack"] == []
    assert [e["id"] for e in after["state"]["queue"]] == [party[2].pk, party[3].pk, party[4].pk]


def test_a_catalog_edit_reaches_the_next_snapshot(event, guest, party, django_capture_on_commit_callbacks):
    """An edit in the admin records no update at the party, but changes the songs' names."""
    state.snapshot(event, "guest", Identity(guest=guest))
    song = party[4].song
    with django_capture_on_commit_callbacks(execute=True):
        Song.objects.filter(pk=song.pk).update(title="Renamed in the admin")
        catalog_changed()
    stack = state.snapshot(event, "guest", Identity(guest=guest))["state"]["stack"]
    assert stack[0]["song"]["title"] == "Renamed in the admin"
