"""Frames too big for an action, through a real daphne: past the app's limit (64 KiB) the
answer is an `error` naming the frame's id and the connection goes on; past daphne's
(1 MiB) the server closes with 1009, "message too big" (RFC 6455), before reading more,
and the page reconnects to find everything it had done still there."""

import asyncio

from asgiref.sync import sync_to_async

from consumers.messages import MAX_FRAME_CHARS
from liveparty.actions import start_event
from liveparty.processes import http_json
from tests.e2e.party_client import PartyClient

# What daphne (autobahn) reads of one message at most: its default, which we keep.
DAPHNE_MAX_MESSAGE = 1024 * 1024


def padded(ref: str, size: int, song_id: int) -> str:
    head = f'{{"id": "{ref}", "action": "request", "song_id": {song_id}, "pad": "'
    return head + "x" * (size - len(head) - 2) + '"}'


async def test_a_frame_too_big_is_answered_and_one_far_too_big_closes_1009(server, host, dj, songs):
    event = await sync_to_async(start_event)(host, "Rooftop", dj.username)
    status, joined = await asyncio.to_thread(
        http_json, "POST", f"{server}/api/events/{event.code}/guests", {"nickname": "Gina"}
    )
    assert status == 201
    phone = await PartyClient.open(server, event.code, "guest", joined["token"])
    await phone.until("snapshot")
    await phone.send_text(padded("big", MAX_FRAME_CHARS * 3, songs[0].pk))
    refused = await phone.until("error", ref="big")
    assert (refused["code"], refused["message"]) == (
        "invalid",
        f"That message is too long (the limit is {MAX_FRAME_CHARS} characters).",
    )
    assert (await phone.call("request", song_id=songs[0].pk))["type"] == "ack"  # still usable

    await phone.send_text(padded("huge", DAPHNE_MAX_MESSAGE * 2, songs[1].pk))
    assert await phone.close_code() == 1009

    phone = await PartyClient.open(server, event.code, "guest", joined["token"])
    snapshot = await phone.until("snapshot")
    assert [request["song"]["id"] for request in snapshot["state"]["me"]["requests"]] == [songs[0].pk]
