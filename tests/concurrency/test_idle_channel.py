"""A channel nobody writes to for longer than the blocking pop (5 s) keeps its reader:
an engine worker between two requests, a server with no party tonight."""

import asyncio

import pytest
from channels.layers import get_channel_layer

pytestmark = pytest.mark.services("redis")

# Two blocking pops and a bit: the reader's socket must outlast each empty answer.
IDLE_S = 11


async def test_an_idle_reader_outlasts_the_blocking_pop():
    layer = get_channel_layer()
    channel = await layer.new_channel("idle.")
    with pytest.raises(asyncio.TimeoutError):  # ours: nothing came, and nothing failed
        await asyncio.wait_for(layer.receive(channel), IDLE_S)
    await layer.send(channel, {"type": "after.the.wait"})
    assert (await asyncio.wait_for(layer.receive(channel), 5))["type"] == "after.the.wait"
