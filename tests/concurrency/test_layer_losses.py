"""What each Redis channel layer loses, and how a page gets it back: the update log.

RedisChannelLayer drops a group message for a channel at capacity (a stalled server
process); RedisPubSubChannelLayer keeps nothing for a subscriber that is away (Redis
restarting). Either way a guest's page ends with every update, in order, once each.
"""

import asyncio

import pytest
from channels.db import database_sync_to_async

from consumers import fanout as fanout_module
from consumers.fanout import fanout
from liveparty import actions
from liveparty.processes import free_port
from liveparty.updates.services import NEWS_LAYER, UPDATE_MESSAGE, news_layer
from tests.realtime.sockets import Socket, guest_headers
from tests.servers import redis_server

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services("postgres", "redis")]

AUDIT_S = 0.3
ARRIVAL_S = 10


class Stalled:
    """The channel layer of a server process too busy to read its channel until `resume`."""

    def __init__(self, layer: object) -> None:
        self.layer = layer
        self.running = asyncio.Event()
        self.updates_received = 0

    def __getattr__(self, name: str) -> object:
        return getattr(self.layer, name)

    async def receive(self, channel: str) -> dict:
        await self.running.wait()
        message = await self.layer.receive(channel)
        self.updates_received += message["type"] == UPDATE_MESSAGE
        return message

    def resume(self) -> None:
        self.running.set()


async def updates_until(socket: Socket, seq: int) -> list[int]:
    seqs: list[int] = []
    while not seqs or seqs[-1] < seq:
        frame = await socket.receive(timeout=ARRIVAL_S)
        if frame["type"] == "update":
            seqs.append(frame["seq"])
    assert await socket.nothing()
    return seqs


async def guest_socket(event, guest) -> tuple[Socket, int]:
    socket = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    return socket, (await socket.open())["seq"]


async def test_updates_dropped_at_capacity_reach_the_page_from_the_log(
    settings, event, guest, guest2, songs, monkeypatch
):
    monkeypatch.setattr(fanout_module, "AUDIT_S", AUDIT_S)
    lists = settings.CHANNEL_LAYERS["default"]  # RedisChannelLayer: a channel holds up to its capacity
    settings.CHANNEL_LAYERS = {
        **settings.CHANNEL_LAYERS,
        NEWS_LAYER: {**lists, "CONFIG": {**lists["CONFIG"], "capacity": 2, "prefix": "asgi.capacity-test"}},
    }
    local = fanout()
    local.layer = stalled = Stalled(news_layer())
    socket, seq = await guest_socket(event, guest)
    for song in songs[:5]:  # five updates for a channel that holds two: three are dropped
        await database_sync_to_async(actions.request_song)(guest2, song.pk)
    stalled.resume()
    assert await updates_until(socket, seq + 5) == [seq + 1, seq + 2, seq + 3, seq + 4, seq + 5]
    assert stalled.updates_received == 2  # the other three came from the log
    await socket.close()


async def test_news_lost_while_redis_restarts_under_pubsub_reach_the_page(
    settings, event, guest, guest2, songs, monkeypatch
):
    monkeypatch.setattr(fanout_module, "AUDIT_S", AUDIT_S)
    port = free_port()
    settings.CHANNEL_LAYERS = {
        **settings.CHANNEL_LAYERS,
        NEWS_LAYER: {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [f"redis://127.0.0.1:{port}/0"]},
        },
    }
    with redis_server(port):
        socket, seq = await guest_socket(event, guest)
        await database_sync_to_async(actions.request_song)(guest2, songs[0].pk)
        assert await updates_until(socket, seq + 1) == [seq + 1]  # news flows over pub/sub
    # Redis is down: the publish fails (logged; the change is committed), nothing is queued anywhere.
    await database_sync_to_async(actions.request_song)(guest2, songs[1].pk)
    with redis_server(port):
        assert await updates_until(socket, seq + 2) == [seq + 2]
        await database_sync_to_async(actions.request_song)(guest2, songs[2].pk)
        assert await updates_until(socket, seq + 3) == [seq + 3]  # subscribed again: news flows
        await socket.close()
