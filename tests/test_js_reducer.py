"""One reducer, proven: the pages' JavaScript (party-client.js) applies the updates of every
scenario, for every viewer, to the snapshot before and gets the snapshot after, exactly
as tests/state_reducer.py does; and it refuses an update kind it does not know."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from liveparty.state.services import snapshot
from tests.log import updates_since
from tests.needs import unavailable
from tests.scenarios import SCENARIOS, VIEWERS, Party, perform_with_services

HARNESS = Path(__file__).parent / "js" / "reducer.mjs"


@pytest.fixture
def party(event, host, dj, co_dj, outsider, guest, guest2, guest3, songs) -> Party:
    return Party.make(event, host, dj, co_dj, outsider, guest, guest2, guest3, songs)


@pytest.fixture(scope="session")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        unavailable("needs Node.js (`node`) to run the pages' reducer")
    return found


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.__name__)
def test_the_pages_reducer_gives_the_next_snapshot(party, scenario, node, tmp_path):
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
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases))
    run = subprocess.run([node, str(HARNESS), str(path)], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr or run.stdout
    assert f"{len(VIEWERS)} cases" in run.stdout
