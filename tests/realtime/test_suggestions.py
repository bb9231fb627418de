"""The DJ console's suggestions: right after the snapshot, then pushed (DJs only) when
now playing changes, a rating arrives or the crowd's mood changes; and a console that
works while the engine fails or hangs, and gets its list once the engine is back."""

import threading

from channels.db import database_sync_to_async

from consumers import base
from liveparty import actions
from liveparty.recommend import compute
from tests.realtime.sockets import Socket, account_headers, guest_headers
from tests.recommend.conftest import scenes  # noqa: F401 (a fixture)

# Refreshes are coalesced for a fraction of a second, then computed off the loop.
PUSH_WAIT_S = 5


async def open_console(event, dj) -> tuple[Socket, dict, list[dict]]:
    """The console, its snapshot, and its first list: the snapshot's when one was at
    hand, else the `suggestions` frame that follows it."""
    console = Socket(f"/ws/events/{event.code}/dj/", await database_sync_to_async(account_headers)(dj))
    snapshot = await console.open()
    first = snapshot["state"]["me"]["suggestions"] or (await console.until("suggestions"))["data"]
    return console, snapshot, first


async def next_suggestions(socket: Socket) -> list[dict]:
    while True:
        frame = await socket.receive(PUSH_WAIT_S)
        if frame["type"] == "suggestions":
            return frame["data"]


def titles(items: list[dict]) -> list[str]:
    return [item["song"]["title"] for item in items]


async def test_the_console_gets_new_suggestions_when_now_playing_changes(event, dj, guest, scenes):  # noqa: F811
    console, snapshot, cold = await open_console(event, dj)
    assert snapshot["state"]["me"]["suggestions"] == []  # nothing computed yet: the engine is not waited for
    assert cold
    assert cold[0]["reason"] == "most popular in the crate"
    phone = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    await phone.open()
    rock = scenes["rock"]
    ref = await phone.call("request", song_id=rock[3].pk)
    song_request = (await phone.until("ack", ref=ref))["data"]["request"]
    await next_suggestions(console)  # the stack changed: the engine noticed
    await console.call("play", request_id=song_request["id"])
    pushed = await next_suggestions(console)
    while not pushed[0]["reason"].startswith("played with Black Dog"):
        pushed = await next_suggestions(console)
    assert set(titles(pushed[:4])) <= {song.title for song in rock} - {"Black Dog"}
    assert all(item["reason"] for item in pushed)
    assert "Black Dog" not in titles(pushed)
    await phone.close()
    await console.close()


async def test_a_low_rating_pushes_a_list_that_explores(event, dj, guest, scenes):  # noqa: F811
    song_request = await database_sync_to_async(actions.request_song)(guest, scenes["disco"][0].pk)
    await database_sync_to_async(actions.play)(event, dj, song_request.pk)
    console, _, first = await open_console(event, dj)
    assert not [item for item in first if item["algorithm"] == "explore"]
    phone = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    await phone.open()
    await phone.call("rate", score=1)
    pushed = await next_suggestions(console)
    assert [item for item in pushed if item["algorithm"] == "explore"]
    await phone.close()
    await console.close()


async def test_a_change_of_crowd_mood_pushes_suggestions_that_say_so(event, dj, guest, scenes):  # noqa: F811
    console, _, _ = await open_console(event, dj)
    phone = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    await phone.open()
    await phone.call("mood", mood="energetic")
    mood = await console.until("update", kind="crowd_mood.changed")
    assert mood["data"]["mood"] == "energetic"
    pushed = await next_suggestions(console)
    assert "crowd mood: energetic" in {item["reason"] for item in pushed}
    await phone.close()
    await console.close()


async def test_guests_and_the_host_never_get_suggestions(event, dj, host, guest, scenes):  # noqa: F811
    console, _, _ = await open_console(event, dj)
    host_page = Socket(f"/ws/events/{event.code}/host/", await database_sync_to_async(account_headers)(host))
    await host_page.open()
    phone = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    await phone.open()
    await phone.call("request", song_id=scenes["jazz"][0].pk)
    await next_suggestions(console)
    for socket in (phone, host_page):
        while not await socket.nothing():
            assert (await socket.receive())["type"] != "suggestions"
    for socket in (phone, host_page, console):
        await socket.close()


async def test_a_console_whose_engine_raises_works_and_gets_its_list_once_the_engine_recovers(
    event,
    dj,
    guest,
    scenes,  # noqa: F811
    monkeypatch,
):
    monkeypatch.setattr(base, "SUGGEST_RETRY_MIN_S", 0.2)
    working = compute.suggestions
    failures = []

    def broken(event_id: int, n: int) -> list[dict]:
        if len(failures) < 2:
            failures.append(event_id)
            raise RuntimeError("the similarity model is corrupt")
        return working(event_id, n)

    monkeypatch.setattr(compute, "suggestions", broken)
    song_request = await database_sync_to_async(actions.request_song)(guest, scenes["rock"][0].pk)
    console = Socket(f"/ws/events/{event.code}/dj/", await database_sync_to_async(account_headers)(dj))
    snapshot = await console.open()
    assert snapshot["type"] == "snapshot"
    assert snapshot["state"]["me"]["suggestions"] == []
    assert [item["id"] for item in snapshot["state"]["stack"]] == [song_request.pk]
    ref = await console.call("accept", request_id=song_request.pk)  # the console works meanwhile
    assert (await console.until("ack", ref=ref))["data"]["request"]["status"] == "queued"
    pushed = (await console.until("suggestions"))["data"]
    assert pushed
    assert all(item["reason"] for item in pushed)
    assert len(failures) == 2  # two tries failed, the third answered
    await console.close()


async def test_a_console_whose_engine_never_answers_works_and_gets_its_list_once_it_does(
    event,
    dj,
    guest,
    scenes,  # noqa: F811
    monkeypatch,
):
    monkeypatch.setattr(base, "SUGGEST_TIMEOUT_S", 0.5)
    monkeypatch.setattr(base, "SUGGEST_RETRY_MIN_S", 0.2)
    working = compute.suggestions
    answer = threading.Event()

    def hung(event_id: int, n: int) -> list[dict]:
        answer.wait(10)
        return working(event_id, n)

    monkeypatch.setattr(compute, "suggestions", hung)
    console = Socket(f"/ws/events/{event.code}/dj/", await database_sync_to_async(account_headers)(dj))
    snapshot = await console.open()
    assert snapshot["state"]["me"]["suggestions"] == []
    ref = await console.call("queue", song_id=scenes["jazz"][0].pk)
    assert (await console.until("ack", ref=ref))["data"]["request"]["status"] == "queued"
    while not await console.nothing():  # the updates of the queueing, but no list and no error
        assert (await console.receive())["type"] in {"update", "presence"}
    answer.set()
    pushed = (await console.until("suggestions"))["data"]
    assert pushed
    await console.close()
