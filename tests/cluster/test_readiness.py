"""/readyz on a real server while its Redis stops and comes back: not ready (503, naming
the channel layer) while Redis is down, ready again once it is up, with no restart."""

import time

import pytest
import redis

from liveparty.processes import daphne, free_port, http_json
from tests.servers import redis_server, server_env

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services("redis")]

RECOVERY_S = 15


def ready(server: str) -> tuple[int, dict]:
    return http_json("GET", f"{server}/readyz")


def test_readyz_fails_while_redis_is_stopped_and_recovers(tmp_path):
    port = free_port()
    env = {**server_env(tmp_path, LIVEPARTY_SERVES="guest"), "REDIS_URL": f"redis://127.0.0.1:{port}/0"}
    with daphne(env, tmp_path / "daphne.log") as server:
        with redis_server(port):
            assert ready(server) == (200, {"status": "ready", "checks": {"database": "ok", "channel_layer": "ok"}})

        status, body = ready(server)  # Redis has stopped
        assert (status, body["status"], body["checks"]["database"]) == (503, "not_ready", "ok")
        assert body["checks"]["channel_layer"] != "ok"
        assert http_json("GET", f"{server}/healthz") == (200, {"status": "ok", "serves": ["guest"]})  # alive

        with redis_server(port):  # back, on the same port: no restart of the server
            deadline = time.monotonic() + RECOVERY_S
            while (answer := ready(server))[0] != 200:
                assert time.monotonic() < deadline, answer
                time.sleep(0.2)
            assert answer[1]["status"] == "ready"


def test_readiness_checks_leave_no_channel_subscribed(tmp_path):
    """The check makes a channel on each layer; on the pub/sub news layer a channel is a
    Redis subscription, which an orchestrator's probe every few seconds must not pile up."""
    port = free_port()
    env = {**server_env(tmp_path, LIVEPARTY_SERVES="guest"), "REDIS_URL": f"redis://127.0.0.1:{port}/0"}
    with redis_server(port), daphne(env, tmp_path / "daphne.log") as server:
        for _ in range(5):
            assert ready(server)[0] == 200
        probes = redis.Redis(port=port).pubsub_channels("*readiness*")
        assert probes == []
