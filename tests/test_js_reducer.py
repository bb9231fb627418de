"""One reducer, proven: the pages' JavaScript (party-client.js) applies the updates of every
scenario, for every viewer, to the snapshot before and gets the snapshot after, exactly
as tests/state_reducer.py does; and it refuses an update kind it does not know."""

import pytest

from liveparty.state.services import snapshot
from tests.js_reducer import node, run_cases  # noqa: F401 (a fixture)
from tests.log import updates_since
from tests.scenarios import SCENARIOS, VIEWERS, Party, perform_with_services


@pytest.fixture
def party(event, host, dj, co_dj, outsider, guest, guest2, guest3, songs) -> Party:
    return Party.make(event, host, dj, co_dj, outsider, guest, guest2, guest3, songs)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.__name__)
def test_the_pages_reducer_gives_the_next_snapshot(party, scenario, node, tmp_path):  # noqa: F811
    actor, message, expected_updates = scenario(party)
    before = {viewer: snapshot(party.event, *party.role_and_identity(viewer)) for viewer in VIEWERS}
    perform_with_services(party, actor, message)
    cases = []
    for viewer in VIEWERS:
        updates = updates_since(party.event, before[viewer]["seq"])
        assert len(updates) == expected_updates
        after = snapshot(party.event, *party.role_and_identity(viewer))
        cases.append(
            {
                "scenario": scenario.__name__,
                "viewer": viewer,
                "before": before[viewer]["state"],
                "updates": updates,
                "after": after["state"],
            }
        )
    assert f"{len(VIEWERS)} cases" in run_cases(node, cases, tmp_path)
