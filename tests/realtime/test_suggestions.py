"""The DJ console's suggestions: in the snapshot, then pushed (DJs only) when now playing
changes, a rating arrives or the crowd's mood changes."""

from channels.db import database_sync_to_async

from liveparty.requests import services as requests
from tests.realtime.sockets import Socket, account_headers, guest_headers
from tests.recommend.conftest import scenes  # noqa: F401 (a fixture)

# Refreshes are coalesced for a fraction of a second, then computed off the loop.
PUSH_WAIT_S = 5


async def open_console(event, dj) -> tuple[Socket, dict]:
    console = Socket(f"/ws/events/{event.code}/dj/", await database_sync_to_async(account_headers)(dj))
    return console, await console.open()


async def next_suggestions(socket: Socket) -> list[dict]:
    while True:
        frame = await socket.receive(PUSH_WAIT_S)
        if frame["type"] == "suggestions":
            return frame["data"]


def titles(items: list[dict]) -> list[str]:
    return [item["song"]["title"] for item in items]


async def test_the_console_gets_new_suggestions_when_now_playing_changes(event, dj, guest, scenes):  # noqa: F811
    console, snapshot = await open_console(event, dj)
    cold = snapshot["state"]["me"]["suggestions"]
    assert cold
    assert cold[0]["reason"] == "most popular in the crate"
    phone = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    await phone.open()
    rock = scenes["rock"]
    ref = await phone.call("request", song_id=rock[3].pk)
    entry = (await phone.until("ack", ref=ref))["data"]["request"]
    await next_suggestions(console)  # the stack changed: the engine noticed
    await console.call("play", request_id=entry["id"])
    pushed = await next_suggestions(console)
    while not pushed[0]["reason"].startswith("played with Black Dog"):
        pushed = await next_suggestions(console)
    assert set(titles(pushed[:4])) <= {song.title for song in rock} - {"Black Dog"}
    assert all(item["reason"] for item in pushed)
    assert "Black Dog" not in titles(pushed)
    await phone.close()
    await console.close()


async def test_a_low_rating_pushes_a_list_that_explores(event, dj, guest, scenes):  # noqa: F811
    entry = await database_sync_to_async(requests.request_song)(guest, scenes["disco"][0].pk)
    await database_sync_to_async(requests.play)(event, dj, entry.pk)
    console, snapshot = await open_console(event, dj)
    assert not [item for item in snapshot["state"]["me"]["suggestions"] if item["algorithm"] == "explore"]
    phone = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    await phone.open()
    await phone.call("rate", score=1)
    pushed = await next_suggestions(console)
    assert [item for item in pushed if item["algorithm"] == "explore"]
    await phone.close()
    await console.close()


async def test_a_change_of_crowd_mood_pushes_suggestions_that_say_so(event, dj, guest, scenes):  # noqa: F811
    console, _ = await open_console(event, dj)
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
    console, _ = await open_console(event, dj)
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
