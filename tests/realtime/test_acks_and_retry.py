"""Every message is answered with its id; sending an id again changes nothing."""

from channels.db import database_sync_to_async

from liveparty.song_requests.models import Ask, SongRequest
from tests.realtime.sockets import Socket, account_headers, guest_headers


async def guest_socket(event, guest) -> Socket:
    socket = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    await socket.open()
    return socket


async def test_a_request_is_acked_with_the_song_request(event, guest, song):
    socket = await guest_socket(event, guest)
    await socket.send({"id": 41, "action": "request", "song_id": song.pk})
    ack = await socket.until("ack")
    assert ack["ref"] == 41
    assert (ack["data"]["request"]["song"]["id"], ack["data"]["request"]["asks"]) == (song.pk, 1)


async def test_a_refusal_is_an_error_with_the_id(event, guest):
    socket = await guest_socket(event, guest)
    await socket.send({"id": "x-1", "action": "request", "song_id": 999_999})
    assert await socket.until("error") == {
        "type": "error",
        "ref": "x-1",
        "code": "not_found",
        "message": "That song is not in the catalog.",
    }


async def test_sending_an_id_again_changes_nothing_and_gets_the_same_answer(event, guest, guest2, songs):
    socket = await guest_socket(event, guest)
    message = {"id": "retry-1", "action": "request", "song_id": songs[0].pk}
    await socket.send(message)
    first = await socket.until("ack", ref="retry-1")
    await socket.send(message)
    assert await socket.until("ack", ref="retry-1") == first
    assert await database_sync_to_async(SongRequest.objects.count)() == 1
    assert await database_sync_to_async(Ask.objects.count)() == 1


async def test_a_retry_on_a_new_connection_gets_the_stored_answer(event, guest, dj, songs):
    socket = await guest_socket(event, guest)
    await socket.send({"id": "offline-7", "action": "request", "song_id": songs[1].pk})
    first = await socket.until("ack", ref="offline-7")
    await socket.close()
    dj_socket = Socket(f"/ws/events/{event.code}/dj/", await database_sync_to_async(account_headers)(dj))
    await dj_socket.open()
    await dj_socket.call("accept", request_id=first["data"]["request"]["id"])
    again = await guest_socket(event, guest)
    await again.send({"id": "offline-7", "action": "request", "song_id": songs[1].pk})
    assert await again.until("ack", ref="offline-7") == first, "the same answer, not the request as it is now"


async def test_a_refusal_is_kept_as_the_answer_too(event, guest):
    socket = await guest_socket(event, guest)
    await socket.send({"id": 5, "action": "cancel", "request_id": 123})
    first = await socket.until("error", ref=5)
    await socket.send({"id": 5, "action": "cancel", "request_id": 123})
    assert await socket.until("error", ref=5) == first


async def test_ids_are_per_identity(event, guest, guest2, song):
    first, second = await guest_socket(event, guest), await guest_socket(event, guest2)
    await first.send({"id": 1, "action": "request", "song_id": song.pk})
    await first.until("ack", ref=1)
    await second.send({"id": 1, "action": "request", "song_id": song.pk})
    assert (await second.until("ack", ref=1))["data"]["request"]["asks"] == 2


async def test_a_mood_tap_is_acked(event, guest):
    socket = await guest_socket(event, guest)
    ref = await socket.call("mood", mood="chill")
    ack = await socket.until("ack", ref=ref)
    assert (ack["data"]["mood"]["mood"], ack["data"]["mood"]["source"]) == ("chill", "tap")
    await socket.send({"id": "m2", "action": "mood", "mood": "hangry"})
    assert (await socket.until("error", ref="m2"))["code"] == "invalid"
