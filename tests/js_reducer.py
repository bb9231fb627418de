"""The pages' reducer (party-client.js's applyUpdate) run by Node on cases the Python tests
record: tests/js/reducer.mjs applies each case's updates to its `before` state and
compares the result with its `after` state."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.needs import unavailable

HARNESS = Path(__file__).parent / "js" / "reducer.mjs"


@pytest.fixture(scope="session")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        unavailable("needs Node.js (`node`) to run the pages' reducer")
    return found


def run_cases(node: str, cases: list[dict], folder: Path) -> str:
    """Run the cases ({scenario, viewer, before, updates, after}); Node's report, or an
    assertion error naming the cases that failed."""
    path = folder / "cases.json"
    path.write_text(json.dumps(cases))
    run = subprocess.run([node, str(HARNESS), str(path)], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 0, run.stderr or run.stdout
    return run.stdout
