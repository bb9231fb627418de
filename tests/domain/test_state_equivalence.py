"""Zulip's test_events for LiveParty: for every action and every role, the updates the
action records, applied to the snapshot taken before it, give the snapshot taken after.
The same scenarios run over WebSockets in tests/realtime/test_state_equivalence_ws.py."""

import pytest

from liveparty.state.services import snapshot
from tests.invariants import assert_invariants
from tests.log import updates_since
from tests.scenarios import SCENARIOS, VIEWERS, Party, perform_with_services
from tests.state_reducer import apply_updates, logged


@pytest.fixture
def party(event, host, dj, co_dj, outsider, guest, guest2, guest3, songs) -> Party:
    return Party.make(event, host, dj, co_dj, outsider, guest, guest2, guest3, songs)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.__name__)
def test_updates_applied_to_a_snapshot_give_the_next_snapshot(party, scenario):
    actor, message, expected_updates = scenario(party)
    before = {viewer: snapshot(party.event, *party.role_and_identity(viewer)) for viewer in VIEWERS}
    perform_with_services(party, actor, message)
    assert_invariants(party.event)
    for viewer in VIEWERS:
        updates = updates_since(party.event, before[viewer]["seq"])
        after = snapshot(party.event, *party.role_and_identity(viewer))
        assert len(updates) == expected_updates, f"{viewer}: {[u['kind'] for u in updates]}"
        assert after["seq"] == before[viewer]["seq"] + expected_updates
        assert logged(after["state"]) != logged(before[viewer]["state"]), f"{viewer}: the action changed nothing"
        assert logged(apply_updates(before[viewer]["state"], updates)) == logged(after["state"]), viewer
