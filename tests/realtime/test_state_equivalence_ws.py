"""The state-equivalence test over WebSockets: each viewer's snapshot, plus the updates
that viewer's socket received for the action, equals a fresh snapshot; the socket
receives exactly the updates the action recorded."""

import pytest
from channels.db import database_sync_to_async

from liveparty.state.services import snapshot
from tests.realtime.sockets import Socket, account_headers, guest_headers
from tests.scenarios import SCENARIOS, VIEWERS, Party
from tests.state_reducer import apply_updates, logged


@pytest.fixture
def party(event, host, dj, co_dj, outsider, guest, guest2, guest3, songs) -> Party:
    return Party.make(event, host, dj, co_dj, outsider, guest, guest2, guest3, songs)


def headers_for(party: Party, viewer: str) -> dict:
    if viewer in ("gina", "gus"):
        return guest_headers(getattr(party, viewer))
    return account_headers(getattr(party, viewer))


async def open_viewer(party: Party, viewer: str) -> tuple[Socket, dict]:
    role, _ = party.role_and_identity(viewer)
    headers = await database_sync_to_async(headers_for)(party, viewer)
    socket = Socket(f"/ws/events/{party.event.code}/{role}/", headers)
    return socket, await socket.open()


async def updates_received(socket: Socket, count: int) -> list[dict]:
    updates = []
    while len(updates) < count:
        frame = await socket.receive()
        if frame["type"] == "update":
            updates.append(frame)
    return updates


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.__name__)
async def test_updates_received_applied_to_the_snapshot_give_the_next_snapshot(party, scenario):
    actor, message, expected = await database_sync_to_async(scenario)(party)
    sockets = {viewer: await open_viewer(party, viewer) for viewer in VIEWERS}
    if callable(message):
        await database_sync_to_async(message)()
    else:
        socket = sockets[actor][0]
        ref = await socket.call(**message)
        ack = await socket.until("ack", ref=ref)
        assert ack["ref"] == ref
    for viewer, (socket, before) in sockets.items():
        updates = await updates_received(socket, expected)
        assert [u["seq"] for u in updates] == list(range(before["seq"] + 1, before["seq"] + expected + 1))
        after = await database_sync_to_async(snapshot)(party.event, *party.role_and_identity(viewer))
        assert logged(after["state"]) != logged(before["state"]), f"{viewer}: the action changed nothing"
        assert logged(apply_updates(before["state"], updates)) == logged(after["state"]), viewer
        while not await socket.nothing():
            assert (await socket.receive())["type"] != "update", f"{viewer}: more updates than recorded"
        await socket.close()
