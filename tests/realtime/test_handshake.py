"""Who may open which socket: close codes 4401, 4403, 4404, and the Origin check."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import OperationalError

from consumers import base
from liveparty.actions import join_event, start_event
from liveparty.asgi import application
from liveparty.events.probing import CODE_MISSES
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


async def test_an_unknown_event_is_refused_as_a_known_one_without_identity(event):
    """Probing codes at the handshake tells nothing: 4401 either way."""
    assert await refused_with("/ws/events/ZZZZZZ/guest/") == await refused_with(f"/ws/events/{event.code}/guest/")
    _, token = await database_sync_to_async(join_event)(event, "Gina")
    assert await refused_with("/ws/events/ZZZZZZ/guest/", {"authorization": f"Bearer {token}"}) == 4401


async def test_an_unknown_role_is_4404(event):
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
    headers = {"origin": "http://localhost", "host": "localhost", "cookie": cookie}
    frame = await Socket(f"/ws/events/{event.code}/guest/", headers).open()
    assert frame["state"]["me"]["guest"]["nickname"] == "Gina"


async def handshake(event, token: str, **headers: str) -> bool:
    raw = [(name.encode(), value.encode()) for name, value in headers.items()]
    raw.append((b"authorization", f"Bearer {token}".encode()))
    communicator = WebsocketCommunicator(application, f"/ws/events/{event.code}/guest/", headers=raw)
    connected, _ = await communicator.connect()
    await communicator.disconnect()
    return connected


async def test_the_origin_must_match_the_pages_scheme_and_port(event):
    """A page served from another port or scheme of the same host is another site: it
    must not open the host's socket with the host's cookie."""
    _, token = await database_sync_to_async(join_event)(event, "Gina")
    assert await handshake(event, token, origin="http://localhost:8000", host="localhost:8000")
    assert not await handshake(event, token, origin="http://localhost:8001", host="localhost:8000")
    assert not await handshake(event, token, origin="https://localhost:8000", host="localhost:8000")
    assert not await handshake(event, token, origin="http://localhost", host="localhost:8000")
    assert not await handshake(event, token, origin="http://localhost:8000", host="evil.example:8000")
    assert not await handshake(event, token, origin="null", host="localhost:8000")
    assert await handshake(event, token, host="localhost:8000")  # no Origin: not a browser, the token decides


async def test_behind_a_tls_front_door_the_origin_is_https(event, settings):
    settings.ALLOWED_HOSTS = ["party.example"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    _, token = await database_sync_to_async(join_event)(event, "Gina")
    tls = {"host": "party.example", "x-forwarded-proto": "https"}
    assert await handshake(event, token, origin="https://party.example", **tls)
    assert await handshake(event, token, origin="https://party.example:443", **tls)
    assert not await handshake(event, token, origin="http://party.example", **tls)


async def test_an_origin_the_deployment_trusts_may_connect(event, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://dj.party.example"]
    _, token = await database_sync_to_async(join_event)(event, "Gina")
    assert await handshake(event, token, origin="https://dj.party.example", host="localhost:8000")
    assert not await handshake(event, token, origin="http://dj.party.example", host="localhost:8000")


async def test_the_handshake_counts_misses_and_refuses_a_prober_as_it_refuses_anyone(event):
    _, token = await database_sync_to_async(join_event)(event, "Gina")

    async def close_code(code: str) -> int:
        headers = [(b"authorization", f"Bearer {token}".encode())]
        communicator = WebsocketCommunicator(application, f"/ws/events/{code}/guest/", headers=headers)
        connected, _ = await communicator.connect()
        assert connected
        frame = await communicator.receive_output()
        await communicator.disconnect()
        return frame.get("code", 1000) if frame["type"] == "websocket.close" else 1000

    for n in range(CODE_MISSES.count):
        assert await close_code(f"ZZZ{n:03}") == 4401
    assert await close_code(event.code) == 4401  # a real code and a real token: refused all the same


async def test_a_database_away_closes_the_handshake_for_a_retry_not_an_error(event, monkeypatch):
    """4503 (as HTTP 503): the page reconnects with its back-off; 1011 would say broken."""
    _, token = await database_sync_to_async(join_event)(event, "Gina")
    headers = {"authorization": f"Bearer {token}"}

    def away(code: str):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(base, "get_event", away)
    assert await refused_with(f"/ws/events/{event.code}/guest/", headers) == 4503
    monkeypatch.undo()
    assert (await Socket(f"/ws/events/{event.code}/guest/", headers).open())["type"] == "snapshot"
