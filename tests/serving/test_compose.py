"""docker-compose.yml describes the cluster's topology, and Docker Compose accepts it
(read and checked by `docker-compose config`: no Docker engine runs here)."""

import os
import shutil
import subprocess

import pytest

from liveparty.processes import ROOT
from tests.needs import unavailable


def compose_command() -> list[str]:
    if shutil.which("docker-compose"):
        return ["docker-compose"]
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0:
        return ["docker", "compose"]
    return unavailable("needs docker-compose (`make test` installs Debian's)")


@pytest.fixture
def compose() -> list[str]:
    return [*compose_command(), "--project-directory", str(ROOT), "-f", str(ROOT / "docker-compose.yml")]


def config(compose: list[str], *args: str) -> str:
    done = subprocess.run(
        [*compose, "config", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "SECRET_KEY": "checked-only"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_docker_compose_accepts_the_topology(compose):
    services = set(config(compose, "--services").split())
    assert services == {"db", "redis", "migrate", "host", "dj", "guest", "frontdoor", "recommend", "mood"}
    whole = config(compose)
    for page in ("host", "dj", "guest"):
        assert f"LIVEPARTY_SERVES: {page}" in whole
    assert "replicas: 4" in whole  # the guest page, scaled out
    assert "/readyz" in whole  # each page server's health check


def test_docker_compose_will_not_start_without_a_secret_key(compose):
    """Its servers share no folder to keep a generated key in: sessions made on one would
    be unreadable on another."""
    env = {name: value for name, value in os.environ.items() if name != "SECRET_KEY"}
    done = subprocess.run([*compose, "config"], capture_output=True, text=True, env=env, check=False)
    assert done.returncode != 0
    assert "SECRET_KEY" in done.stderr
