"""Who may open which socket: close codes 4401, 4403, 4404, and the Origin check."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from liveparty.actions import join_event, start_event
from liveparty.asgi import application
from tests.realtime.sockets import Socket, account_headers, bearer_headers


async def refused_with(path: str, headers: dict | None = None) -> int:
    frame = await Socket(path, headers).open()
    assert frame["type"] == "close", frame
    return frame["code"]


async def test_it_sends_a_snapshot_to_a_guest_with_a_token(event):
    _, token = await database_sync_to_async(join_event)(event, "Gina")
    frame = await Socket(f"/ws/events/{event.code}/guest/", bearer_headers(token)).open()
    assert (frame["type"], frame["seq"], frame["state"]["me"]["guest"]["nickname"]) == ("snapshot", 0, "Gina")


@pytest.mark.parametrize("role", ["dj", "host"])
async def test_it_lets_the_staff_in_with_an_account_token(event, dj, host, role):
    user = dj if role == "dj" else host
    headers = await database_sync_to_async(account_headers)(user)
    frame = await Socket(f"/ws/events/{event.code.lower()}/{role}/", headers).open()
    assert frame["type"] == "snapshot"


async def test_no_identity_is_4401(event):
    assert await refused_with(f"/ws/events/{event.code}/guest/") == 4401


@pytest.mark.parametrize("authorization", ["Bearer lpg_not-a-token", "Bearer", "Basic Z2luYTpwdw=="])
async def test_a_bad_token_is_4401(event, authorization):
    assert await refused_with(f"/ws/events/{event.code}/guest/", {"authorization": authorization}) == 4401


async def test_the_wrong_role_is_4403(event, dj, outsider):
    _, token = await database_sync_to_async(join_event)(event, "Gina")
    assert await refused_with(f"/ws/events/{event.code}/dj/", bearer_headers(token)) == 4403
    dj_headers = await database_sync_to_async(account_headers)(dj)
    assert await refused_with(f"/ws/events/{event.code}/host/", dj_headers) == 4403
    outsider_headers = await database_sync_to_async(account_headers)(outsider)
    assert await refused_with(f"/ws/events/{event.code}/dj/", outsider_headers) == 4403


async def test_a_guest_of_another_event_is_4403(event, co_dj, outsider):
    other = await database_sync_to_async(start_event)(outsider, "Elsewhere", co_dj.username)
    _, token = await database_sync_to_async(join_event)(other, "Stranger")
    assert await refused_with(f"/ws/events/{event.code}/guest/", bearer_headers(token)) == 4403


async def test_an_unknown_event_or_role_is_4404(event):
    assert await refused_with("/ws/events/ZZZZZZ/guest/") == 4404
    assert await refused_with(f"/ws/events/{event.code}/bouncer/") == 4404


async def test_a_page_from_another_site_cannot_connect(event):
    _, token = await database_sync_to_async(join_event)(event, "Gina")
    headers = [(b"origin", b"http://evil.example"), (b"authorization", f"Bearer {token}".encode())]
    communicator = WebsocketCommunicator(application, f"/ws/events/{event.code}/guest/", headers=headers)
    connected, _ = await communicator.connect()
    assert not connected


async def test_a_page_of_this_site_connects_with_its_session(event, client):
    await database_sync_to_async(client.post)(
        f"/api/events/{event.code}/guests", {"nickname": "Gina"}, content_type="application/json"
    )
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    headers = {"origin": "http://localhost", "cookie": cookie}
    frame = await Socket(f"/ws/events/{event.code}/guest/", headers).open()
    assert frame["state"]["me"]["guest"]["nickname"] == "Gina"
