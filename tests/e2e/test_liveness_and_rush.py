"""Dead phones are dropped by the server's pings; a rush of phones all get in."""

import asyncio
import base64
import os
import socket

from asgiref.sync import sync_to_async

from liveparty import actions
from liveparty.processes import daphne
from tests.api.conftest import account_headers
from tests.e2e.party_client import PartyClient, socket_url
from tests.personas import guests_with_tokens
from tests.servers import server_env

RUSH = 500
# Ping an idle socket after 1 s and drop it 2 s later without a pong (production: 15 s / 20 s).
FAST_PINGS = ("--ping-interval", "1", "--ping-timeout", "2")
DEAD_PHONE_LIMIT_S = 15


def open_silent_socket(base: str, code: str, token: str) -> socket.socket:
    """A phone that completes the handshake, then never reads or answers again."""
    host, port = base.removeprefix("http://").split(":")
    conn = socket.create_connection((host, int(port)))
    key = base64.b64encode(os.urandom(16)).decode()
    path = socket_url(base, code, "guest").split(port, 1)[1]
    conn.sendall(
        (
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer {token}\r\n\r\n"
        ).encode()
    )
    assert conn.recv(4096).startswith(b"HTTP/1.1 101")
    return conn


def wait_until_closed(conn: socket.socket) -> bool:
    conn.settimeout(DEAD_PHONE_LIMIT_S)
    try:
        while conn.recv(65536):
            pass  # frames (the snapshot, pings) arrive unread by the "phone"; only the end matters
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True  # dropped with an abort
    return True


async def test_a_phone_that_stops_answering_is_dropped_and_leaves_presence(tmp_path, transactional_db, event, dj):
    [token] = await sync_to_async(guests_with_tokens)(event, 1, "Sleepy")
    dj_token = (await sync_to_async(account_headers)(dj))["Authorization"].removeprefix("Bearer ")
    with daphne(server_env(tmp_path), tmp_path / "daphne.log", *FAST_PINGS) as base:
        console = await PartyClient.open(base, event.code, "dj", dj_token)
        await console.until("snapshot")
        phone = await asyncio.to_thread(open_silent_socket, base, event.code, token)
        assert (await console.until("presence", guests=1))["guests"] == 1
        assert await asyncio.to_thread(wait_until_closed, phone), "the server kept a dead phone"
        assert (await console.until("presence", guests=0))["guests"] == 0
        await console.close()


async def test_a_rush_of_500_phones_all_connect_and_hear_the_dj(server, event, dj, guest, song):
    tokens = await sync_to_async(guests_with_tokens)(event, RUSH, "Phone")
    song_request = await sync_to_async(actions.request_song)(guest, song.pk)

    async def phone(token: str) -> PartyClient:
        client = await PartyClient.open(server, event.code, "guest", token, open_timeout=120)
        assert (await client.receive(timeout=120))["type"] == "snapshot"
        return client

    phones = await asyncio.gather(*(phone(token) for token in tokens))
    assert len(phones) == RUSH
    dj_token = (await sync_to_async(account_headers)(dj))["Authorization"].removeprefix("Bearer ")
    console = await PartyClient.open(server, event.code, "dj", dj_token)
    await console.until("snapshot")
    assert (await console.call("accept", request_id=song_request.pk))["type"] == "ack"
    accepted = await asyncio.gather(*(p.until("update", kind="request.accepted") for p in phones))
    assert {frame["data"]["id"] for frame in accepted} == {song_request.pk}
    assert (await console.until("presence", guests=RUSH))["guests"] == RUSH
    await asyncio.gather(*(p.close() for p in phones), console.close())
