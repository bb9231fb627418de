"""`make cluster`, end to end: one party through the front door, with the host on the host
server, the DJ on the DJ server and guests on two guest servers. Every update kind and
every notice (the guests' and the consoles') crosses processes; a guest resumes on the
other guest server without loss or duplicates; the engines answer from their workers,
and the party goes on once the workers are stopped; Ctrl-C leaves no process behind."""

import asyncio
import json
import os
import signal
import urllib.error
import urllib.request

import pytest
from asgiref.sync import sync_to_async

from liveparty.processes import http_json
from tests.api.conftest import account_headers
from tests.cluster.conftest import RunningCluster, alive
from tests.e2e.party_client import PartyClient
from tests.mood.conftest import feat_images  # noqa: F401 (a fixture)

pytestmark = pytest.mark.services("redis")

PROCESSES = {"host", "dj", "guest-1", "guest-2", "recommend-worker", "mood-worker", "front-door"}
EVERY_UPDATE = {
    "request.created",
    "request.asked",
    "request.accepted",
    "request.denied",
    "request.cancelled",
    "queue.changed",
    "now_playing.changed",
    "crowd_mood.changed",
    "dj.joined",
    "offer.changed",
    "event.ended",
}
# Each guest's notices: Gina asked for the song that plays and for the one denied; Gus
# only for the one that plays.
NOTICES = {
    "Gina": {"request_accepted", "you_are_next", "request_played", "request_denied"},
    "Gus": {"request_accepted", "you_are_next", "request_played"},
}


async def call(method: str, url: str, body: dict | None = None, token: str | None = None) -> tuple[int, dict]:
    return await asyncio.to_thread(http_json, method, url, body, token)


def status_of(url: str) -> int:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


async def token_of(user) -> str:
    return (await sync_to_async(account_headers)(user))["Authorization"].removeprefix("Bearer ")


async def join(front: str, code: str, nickname: str) -> str:
    status, body = await call("POST", f"{front}/api/events/{code}/guests", {"nickname": nickname})
    assert status == 201, body
    return body["token"]


def seen(client: PartyClient, frame_type: str) -> set[str]:
    return {frame["kind"] for frame in client.inbox if frame["type"] == frame_type}


def post_photo(url: str, photo: bytes, token: str) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=photo, method="POST", headers={"Content-Type": "image/jpeg", "Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def answered_in_place(cluster: RunningCluster, engine: str) -> bool:
    """A page server logged that no worker of `engine` answered, and answered itself."""
    return any(f"no {engine} worker answered" in log.read_text() for log in cluster.logs.glob("*.log"))


async def test_a_party_crosses_the_processes_and_ctrl_c_leaves_nothing(
    make_cluster: RunningCluster,
    host,
    dj,
    co_dj,
    songs,
    feat_images,  # noqa: F811
):
    front, servers = make_cluster.url, make_cluster.urls
    assert set(make_cluster.pids) == PROCESSES
    ready = (200, {"status": "ready", "checks": {"database": "ok", "channel_layer": "ok"}})
    for name, url in [("front door", front), *servers.items()]:
        assert (await call("GET", f"{url}/healthz"))[0] == 200, name
        assert await call("GET", f"{url}/readyz") == ready, name
    assert (await call("GET", f"{servers['guest-1']}/healthz"))[1]["serves"] == ["guest"]

    host_token, dj_token = await token_of(host), await token_of(dj)
    status, event = await call("POST", f"{front}/api/events", {"name": "Tent", "main_dj": dj.username}, host_token)
    assert status == 201, event
    code = event["code"]
    # Each page through the front door, from its own servers; the others refuse it.
    for path, expected in [(f"/e/{code}/", 200), ("/host/login/", 200), ("/static/liveparty/party-client.js", 200)]:
        assert await asyncio.to_thread(status_of, front + path) == expected, path
    assert await asyncio.to_thread(status_of, f"{servers['guest-1']}/host/login/") == 404
    assert await asyncio.to_thread(status_of, f"{servers['host']}/e/{code}/") == 404

    wrong_server = await PartyClient.open(servers["guest-1"], code, "dj", dj_token)
    assert await wrong_server.close_code() == 4404  # a guest server serves no console
    console = await PartyClient.open(front, code, "dj", dj_token)
    host_page = await PartyClient.open(front, code, "host", host_token)
    gina_token, gus_token = await join(front, code, "Gina"), await join(front, code, "Gus")
    gina = await PartyClient.open(servers["guest-1"], code, "guest", gina_token)
    gus = await PartyClient.open(servers["guest-2"], code, "guest", gus_token)
    for client in (console, host_page, gina, gus):
        await client.until("snapshot")
    await console.until("suggestions", timeout=60)
    photo = (feat_images / "single_face.jpg").read_bytes()
    status, read = await asyncio.to_thread(post_photo, f"{front}/api/events/{code}/selfies", photo, gina_token)
    assert (status, read["reading"]["mood"]) == (201, "happy")
    assert not answered_in_place(make_cluster, "recommend")  # the workers answered both
    assert not answered_in_place(make_cluster, "mood")

    queen, billie, brightside, freak = songs[:4]
    queen_id = (await gina.call("request", song_id=queen.pk))["data"]["request"]["id"]
    assert (await gus.call("ask", request_id=queen_id))["type"] == "ack"
    billie_id = (await gus.call("request", song_id=billie.pk))["data"]["request"]["id"]
    assert (await gus.call("cancel", request_id=billie_id))["type"] == "ack"
    denied_id = (await gina.call("request", song_id=brightside.pk))["data"]["request"]["id"]
    for action, request_id in [("deny", denied_id), ("accept", queen_id), ("play", queen_id)]:
        assert (await console.call(action, request_id=request_id))["type"] == "ack", action
    assert (await gina.call("mood", mood="energetic"))["type"] == "ack"
    status, _ = await call("POST", f"{front}/api/events/{code}/djs", {"username": co_dj.username}, host_token)
    assert status == 201
    status, _ = await call("POST", f"{front}/api/events/{code}/blocklist", {"song_id": songs[5].pk}, dj_token)
    assert status == 201
    for guest, name in ((gina, "Gina"), (gus, "Gus")):
        for kind in NOTICES[name]:
            await guest.until("notice", kind=kind)

    # A DJ's word on a guest crosses processes too: Prank, on guest server 2, hears the
    # mute and then the ban, which closes his connection there; the console hears both.
    prank = await PartyClient.open(servers["guest-2"], code, "guest", await join(front, code, "Prank"))
    await prank.until("snapshot")
    assert (await console.call("mute", nickname="Prank"))["type"] == "ack"
    await prank.until("notice", kind="muted")
    assert (await console.call("ban", nickname="Prank"))["type"] == "ack"
    await prank.until("notice", kind="banned")
    assert await prank.close_code() == 4403
    for standing in ("muted", "banned"):
        assert (await console.until("notice", kind="guests_changed"))["data"]["guest"]["standing"] == standing

    # Gus drops off guest server 2 and comes back on guest server 1: the updates he
    # missed, each once, in order.
    await gus.until("update", kind="offer.changed")
    last_seq = gus.seq
    await gus.close()
    status, _ = await call("POST", f"{front}/api/events/{code}/requests", {"song_id": freak.pk}, gus_token)
    assert status == 201
    gus = await PartyClient.open(servers["guest-1"], code, "guest", gus_token)
    await gus.until("snapshot")
    ack = await gus.call("resume", last_seq=last_seq)
    replayed = [frame for frame in gus.inbox if frame["type"] == "update"]
    assert (ack["data"]["snapshot"], ack["data"]["replayed"]) == (False, len(replayed))
    assert [frame["seq"] for frame in replayed] == list(range(last_seq + 1, ack["data"]["seq"] + 1))
    assert "request.created" in {frame["kind"] for frame in replayed}

    # The engines' workers stop: the page servers answer in their place, and the party goes on.
    for worker in ("recommend-worker", "mood-worker"):
        os.kill(make_cluster.pids[worker], signal.SIGTERM)
    freak_id = next(frame for frame in replayed if frame["kind"] == "request.created")["data"]["id"]
    crazy_id = (await gina.call("request", song_id=songs[6].pk))["data"]["request"]["id"]
    for action, fields in [
        ("accept", {"request_id": freak_id}),
        ("accept", {"request_id": crazy_id}),
        ("reorder", {"request_id": crazy_id, "position": 1}),
    ]:
        assert (await console.call(action, **fields))["type"] == "ack", action
    status, read = await asyncio.to_thread(post_photo, f"{front}/api/events/{code}/selfies", photo, gina_token)
    assert (status, read["reading"]["mood"]) == (201, "happy")
    assert answered_in_place(make_cluster, "mood")

    status, ended = await call("POST", f"{front}/api/events/{code}/end", {}, host_token)
    assert (status, ended["status"]) == (200, "ended")
    for client in (console, host_page, gina):
        await client.until("update", kind="event.ended")
        assert EVERY_UPDATE - seen(client, "update") - {"event.ended"} == set()
    await asyncio.gather(*(client.close() for client in (console, host_page, gina, gus)))

    make_cluster.stop()
    assert "Stopped: nothing of the cluster is left running." in make_cluster.text()
    assert [name for name, pid in make_cluster.pids.items() if alive(pid)] == []
