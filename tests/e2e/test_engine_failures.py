"""Failures stay small, through a real daphne: a recommender that raises, or one that
never answers, leaves the DJ console connected and working; its suggestions come once
the engine answers."""

import pytest
from asgiref.sync import sync_to_async

from liveparty import actions
from liveparty.processes import daphne
from liveparty.recommend import store
from tests.api.conftest import account_headers
from tests.e2e.party_client import PartyClient

# Long enough for the console's retries (1 s, 2 s, 4 s ...) to come round once more.
from tests.servers import server_env

# Long enough for the console's retries (1 s, 2 s, 4 s ...) to come round once more.
RECOVERY_WAIT_S = 20


async def open_console(server: str, event, dj) -> PartyClient:
    token = (await sync_to_async(account_headers)(dj))["Authorization"].removeprefix("Bearer ")
    return await PartyClient.open(server, event.code, "dj", token)


async def test_a_corrupt_model_leaves_the_console_working_until_a_good_one_is_written(
    tmp_path, event, dj, guest, songs
):
    model = tmp_path / "model.npz"
    model.write_bytes(b"not a model")
    song_request = await sync_to_async(actions.request_song)(guest, songs[0].pk)
    with daphne(server_env(tmp_path, RECOMMENDER_MODEL=str(model)), tmp_path / "daphne.log") as server:
        console = await open_console(server, event, dj)
        snapshot = await console.receive()
        assert snapshot["type"] == "snapshot"
        assert snapshot["state"]["me"]["suggestions"] == []
        assert [item["id"] for item in snapshot["state"]["stack"]] == [song_request.pk]
        accepted = await console.call("accept", request_id=song_request.pk)
        assert accepted["type"] == "ack", accepted
        (await sync_to_async(store.build_from_database)()).save(model)  # the engine recovers
        pushed = await console.until("suggestions", timeout=RECOVERY_WAIT_S)
        assert pushed["data"]
        await console.close()
    log = (tmp_path / "daphne.log").read_text()
    assert "no suggestions for event" in log  # the failure was seen, and said so


@pytest.mark.services("redis")
async def test_a_worker_that_never_answers_costs_the_console_a_wait_not_its_list(tmp_path, event, dj, songs):
    env = server_env(tmp_path, LIVEPARTY_ENGINES="worker")  # and no worker started
    with daphne(env, tmp_path / "daphne.log") as server:
        console = await open_console(server, event, dj)
        snapshot = await console.receive()
        assert snapshot["state"]["me"]["suggestions"] == []
        queued = await console.call("queue", song_id=songs[1].pk)
        assert queued["type"] == "ack", queued
        pushed = await console.until("suggestions", timeout=RECOVERY_WAIT_S)
        assert pushed["data"]
        await console.close()
    assert "no recommend worker answered" in (tmp_path / "daphne.log").read_text()
