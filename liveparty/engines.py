"""How a page server reaches an engine worker (`manage.py runworker recommend` or
`mood`): a question on the engine's channel, carrying a reply channel of the asker's
own, answered once. Shared by the engines; their own modules decide what to ask and
what to do when no worker answers in time."""

import asyncio

from channels.layers import get_channel_layer


async def ask_worker(channel: str, question: dict, timeout: float) -> dict:
    """The worker's answer; TimeoutError when none came within `timeout` seconds."""
    layer = get_channel_layer()
    reply_to = await layer.new_channel()
    await layer.send(channel, {**question, "reply_to": reply_to})
    return await asyncio.wait_for(layer.receive(reply_to), timeout)
