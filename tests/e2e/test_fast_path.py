"""The transport's fast path (consumers/transport.py) through a real daphne: taken when
it can be, said so in the log, off when the setting says so; a daphne or autobahn
upgrade that takes it away fails here instead of slowing every party unseen."""

import pytest
from asgiref.sync import sync_to_async

from liveparty.processes import daphne
from tests.api.conftest import account_headers
from tests.e2e.party_client import PartyClient
from tests.servers import server_env

FAST = "WebSocket frames go straight to daphne's sockets (the fast path)"
NOT_FAST = "not the fast path"


async def a_console_at_work(server: str, event, dj, song, **options) -> None:
    token = (await sync_to_async(account_headers)(dj))["Authorization"].removeprefix("Bearer ")
    console = await PartyClient.open(server, event.code, "dj", token, **options)
    assert (await console.receive())["type"] == "snapshot"
    queued = await console.call("queue", song_id=song.pk)
    assert queued["type"] == "ack", queued
    update = await console.until("update", kind="request.created")
    assert update["data"]["song"]["id"] == song.pk
    await console.close()


@pytest.mark.parametrize("compression", [None, "deflate"])
async def test_daphne_serves_frames_by_the_fast_path(tmp_path, event, dj, song, compression):
    """With or without a client asking for compression: daphne does not negotiate it."""
    log = tmp_path / "daphne.log"
    with daphne(server_env(tmp_path), log) as server:
        await a_console_at_work(server, event, dj, song, compression=compression)
    text = log.read_text()
    assert FAST in text
    assert NOT_FAST not in text


async def test_the_fast_path_can_be_turned_off_and_the_party_goes_on(tmp_path, event, dj, song):
    log = tmp_path / "daphne.log"
    with daphne(server_env(tmp_path, LIVEPARTY_WEBSOCKET_FAST_PATH="0"), log) as server:
        await a_console_at_work(server, event, dj, song, compression=None)
    text = log.read_text()
    assert "WebSocket frames go through the ASGI send, not the fast path: LIVEPARTY_WEBSOCKET_FAST_PATH=0" in text
    assert FAST not in text
