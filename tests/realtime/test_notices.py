"""Personal notices reach every asker, on each of their open connections."""

from channels.db import database_sync_to_async

from liveparty import actions
from tests.realtime.sockets import Socket, account_headers, guest_headers


async def open_socket(path: str, headers: dict) -> Socket:
    socket = Socket(path, headers)
    await socket.open()
    return socket


async def test_every_asker_hears_you_are_next(event, dj, guest, guest2, guest3, song):
    song_request = await database_sync_to_async(actions.request_song)(guest, song.pk)
    await database_sync_to_async(actions.ask)(guest2, song_request.pk)
    path = f"/ws/events/{event.code}/guest/"
    askers = [await open_socket(path, await database_sync_to_async(guest_headers)(g)) for g in (guest, guest2)]
    bystander = await open_socket(path, await database_sync_to_async(guest_headers)(guest3))
    console = await open_socket(f"/ws/events/{event.code}/dj/", await database_sync_to_async(account_headers)(dj))
    await console.call("accept", request_id=song_request.pk)
    for socket in askers:
        notice = await socket.until("notice", kind="you_are_next")
        assert notice["data"]["request"]["id"] == song_request.pk
        assert notice["data"]["request"]["position"] == 1
    await bystander.until("update", kind="request.accepted")
    assert await bystander.nothing(), "a guest who did not ask hears no notice"


async def test_a_guest_with_two_tabs_gets_each_notice_on_both(event, dj, guest, songs):
    song = songs[0]
    song_request = await database_sync_to_async(actions.request_song)(guest, song.pk)
    headers = await database_sync_to_async(guest_headers)(guest)
    tabs = [await open_socket(f"/ws/events/{event.code}/guest/", headers) for _ in range(2)]
    await database_sync_to_async(actions.accept)(event, dj, song_request.pk)
    await database_sync_to_async(actions.play)(event, dj, song_request.pk)
    for tab in tabs:
        for kind in ("request_accepted", "you_are_next", "request_played"):
            assert (await tab.until("notice", kind=kind))["data"]["request"]["id"] == song_request.pk
    other = await database_sync_to_async(actions.request_song)(guest, songs[1].pk)
    await database_sync_to_async(actions.deny)(event, dj, other.pk)
    for tab in tabs:
        assert (await tab.until("notice", kind="request_denied"))["data"]["request"]["id"] == other.pk
