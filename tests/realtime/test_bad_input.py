"""Bad input gets an `invalid` (or `forbidden`) error and the connection stays usable."""

import json

import pytest
from channels.db import database_sync_to_async

from consumers.messages import MAX_FRAME_CHARS
from tests.realtime.sockets import Socket, guest_headers

BAD_FRAMES = [
    ("not json", "{nope", None),
    ("a list", "[1, 2, 3]", None),
    ("a string", '"request"', None),
    ("null", "null", None),
    ("no id", json.dumps({"action": "request", "song_id": 1}), None),
    ("a bad id", json.dumps({"id": {"a": 1}, "action": "request", "song_id": 1}), None),
    ("an id too long", json.dumps({"id": "x" * 65, "action": "request", "song_id": 1}), None),
    ("no action", json.dumps({"id": "a1"}), "a1"),
    ("an unknown action", json.dumps({"id": "a2", "action": "dance"}), "a2"),
    ("a missing field", json.dumps({"id": "a3", "action": "request"}), "a3"),
    ("a field of the wrong type", json.dumps({"id": "a4", "action": "request", "song_id": "12"}), "a4"),
    ("a boolean for a number", json.dumps({"id": "a5", "action": "ask", "request_id": True}), "a5"),
    ("a number out of range", json.dumps({"id": "a6", "action": "rate", "score": 9}), "a6"),
    ("a negative last_seq", json.dumps({"id": "a7", "action": "resume", "last_seq": -1}), "a7"),
    # Frames that cannot be read whole still name the action they answer when they open
    # with their id, as every page writes them.
    ("a frame over the cap", json.dumps({"id": "a8", "action": "request", "pad": "x" * MAX_FRAME_CHARS}), "a8"),
    ("a frame cut short", '{"id": "a9", "action": "requ', "a9"),
    ("nesting deeper than the parser goes", "[" * 60_000, None),
    ("an action nested too deeply", '{"id": 10, "action": ' + "[" * 60_000, 10),
]


@pytest.fixture
async def socket(event, guest):
    socket = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    await socket.open()
    return socket


async def still_usable(socket: Socket, song) -> None:
    ref = await socket.call("request", song_id=song.pk)
    assert (await socket.until("ack", ref=ref))["data"]["request"]["song"]["id"] == song.pk


@pytest.mark.parametrize(("case", "text", "ref"), BAD_FRAMES, ids=[case for case, _, _ in BAD_FRAMES])
async def test_bad_frames_get_invalid_and_the_socket_stays_open(socket, song, case, text, ref):
    await socket.communicator.send_to(text_data=text)
    error = await socket.until("error")
    assert (error["code"], error["ref"]) == ("invalid", ref)
    assert error["message"]
    await still_usable(socket, song)


async def test_a_binary_frame_gets_invalid(socket, song):
    await socket.communicator.send_to(bytes_data=b"\x00\x01")
    assert (await socket.until("error"))["code"] == "invalid"
    await still_usable(socket, song)


@pytest.mark.parametrize("action", ["accept", "deny", "play"])
async def test_a_guest_sending_a_dj_action_gets_forbidden(socket, song, action):
    await socket.send({"id": "dj?", "action": action, "request_id": 1})
    assert (await socket.until("error", ref="dj?"))["code"] == "forbidden"
    await still_usable(socket, song)


async def test_a_guest_cannot_end_the_party(socket, song):
    await socket.send({"id": "end?", "action": "end"})
    assert (await socket.until("error", ref="end?"))["code"] == "forbidden"
