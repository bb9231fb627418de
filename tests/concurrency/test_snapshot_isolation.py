"""A snapshot reads its `seq` and its rows from one database snapshot: a change that
commits while the snapshot is being read is in neither (the client gets it as an update)."""

import pytest

from liveparty import actions
from liveparty.accounts.services import Identity
from liveparty.state import services as state
from tests.log import updates_since
from tests.state_reducer import apply_updates, logged
from tests.threads import run_together

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_change_committed_mid_snapshot_is_left_to_the_updates(event, dj, guest, song, monkeypatch):
    read_seq = state.current_seq

    def read_seq_then_let_a_guest_commit(event_id: int) -> int:
        seq = read_seq(event_id)
        [song_request] = run_together(actions.request_song, [(guest, song.pk)])  # another connection, committed
        assert song_request.pk
        return seq

    monkeypatch.setattr(state, "current_seq", read_seq_then_let_a_guest_commit)
    taken = state.snapshot(event, "dj", Identity(user=dj))
    monkeypatch.undo()
    assert taken["seq"] == 0
    assert taken["state"]["stack"] == []
    fresh = state.snapshot(event, "dj", Identity(user=dj))
    assert logged(apply_updates(taken["state"], updates_since(event, taken["seq"]))) == logged(fresh["state"])
