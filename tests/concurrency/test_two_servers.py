"""The production shape: two daphne processes on PostgreSQL and Redis. An update made
through one reaches guests on the other; presence sums both."""

import asyncio

import pytest
from asgiref.sync import sync_to_async

from liveparty import actions
from liveparty.processes import daphne
from tests.api.conftest import account_headers
from tests.e2e.party_client import PartyClient
from tests.personas import guests_with_tokens
from tests.servers import server_env

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services("redis")]

GUESTS_PER_SERVER = 20


async def test_updates_and_presence_cross_server_processes(tmp_path, event, dj, guest, song):
    tokens = await sync_to_async(guests_with_tokens)(event, 2 * GUESTS_PER_SERVER, "Phone")
    song_request = await sync_to_async(actions.request_song)(guest, song.pk)
    dj_token = (await sync_to_async(account_headers)(dj))["Authorization"].removeprefix("Bearer ")
    env = server_env(tmp_path)
    with daphne(env, tmp_path / "a.log") as first, daphne(env, tmp_path / "b.log") as second:
        phones = []
        for index, token in enumerate(tokens):
            phone = await PartyClient.open(first if index % 2 else second, event.code, "guest", token)
            await phone.until("snapshot")
            phones.append(phone)
        console = await PartyClient.open(first, event.code, "dj", dj_token)
        await console.until("snapshot")
        assert (await console.call("accept", request_id=song_request.pk))["type"] == "ack"
        arrived = await asyncio.gather(*(p.until("update", kind="request.accepted") for p in phones))
        assert {frame["seq"] for frame in arrived} == {2}
        assert (await console.until("presence", guests=len(tokens)))["guests"] == len(tokens)
        await asyncio.gather(*(p.close() for p in phones[:GUESTS_PER_SERVER]))
        assert (await console.until("presence", guests=GUESTS_PER_SERVER))["guests"] == GUESTS_PER_SERVER
        await asyncio.gather(*(p.close() for p in phones[GUESTS_PER_SERVER:]), console.close())
