"""`make cluster` started for a test: the real front door (nginx), a daphne process per
page (two for the guests) and both engines' workers, on the test's PostgreSQL database
and Redis; stopped by Ctrl-C (SIGINT to make's process group) as a person stops it."""

import os
import re
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from liveparty.processes import ROOT, free_port
from tests.servers import database_url

START_TIMEOUT_S = 180  # migrations, the catalog, the model, seven processes on two cores
STOP_TIMEOUT_S = 60
STARTED = re.compile(r"^started (?P<name>\S+) \(pid (?P<pid>\d+)\)(?: on (?P<url>\S+))?$")


@dataclass
class RunningCluster:
    make: subprocess.Popen
    output: Path
    url: str
    logs: Path
    pids: dict[str, int] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        return self.output.read_text()

    def stop(self) -> int:
        """Ctrl-C, as in a terminal: every process in make's group gets SIGINT."""
        os.killpg(self.make.pid, signal.SIGINT)
        return self.make.wait(STOP_TIMEOUT_S)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A child of no one here that has exited but not been reaped is a zombie, not alive.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(")")[-1].split()[0] != "Z"


@pytest.fixture
def make_cluster(transactional_db, tmp_path) -> Iterator[RunningCluster]:
    port = free_port()
    output = tmp_path / "make-cluster.out"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(settings.DATABASES["default"]),
        "REDIS_URL": settings.REDIS_URL,
        "SECRET_KEY": settings.SECRET_KEY,
        "PORT": str(port),
        "GUEST_SERVERS": "2",
        "LIVEPARTY_VAR_DIR": str(tmp_path / "var"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    with output.open("w") as out:
        make = subprocess.Popen(
            ["make", "--no-print-directory", "cluster"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    cluster = RunningCluster(make, output, f"http://127.0.0.1:{port}", tmp_path / "var" / "cluster")
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while "Ctrl-C stops everything." not in cluster.text():
            if make.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"make cluster did not start:\n{cluster.text()}")
            time.sleep(0.2)
        for line in cluster.text().splitlines():
            if started := STARTED.match(line):
                cluster.pids[started["name"]] = int(started["pid"])
                if started["url"]:
                    cluster.urls[started["name"]] = started["url"]
        yield cluster
    finally:
        if make.poll() is None:
            cluster.stop()
        for pid in cluster.pids.values():
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
