"""Reading what actions wrote: the update log, and what reached the channel layer."""

import asyncio
import threading
import uuid
from collections.abc import Coroutine
from typing import Any, TypeVar

from asgiref.sync import async_to_sync
from channels.layers import InMemoryChannelLayer

from liveparty.events.models import Event
from liveparty.updates.models import Update
from liveparty.updates.services import news_layer

# How long an empty channel is waited on before we call it drained.
DRAIN_TIMEOUT_S = 0.3

T = TypeVar("T")


def updates_since(event: Event, seq: int) -> list[dict]:
    return [update.message for update in Update.objects.filter(event=event, seq__gt=seq).order_by("seq")]


def kinds_since(event: Event, seq: int) -> list[str]:
    return [update["kind"] for update in updates_since(event, seq)]


class LayerProbe:
    """A channel subscribed to some groups of the news layer, read the way a fan-out would.

    Redis layers are read on a loop of the probe's own, in a thread, from the moment the
    probe exists: the pub/sub layer keeps nothing for a channel that is not listening,
    and its subscriptions belong to the loop that made them. The in-memory layer (not
    thread-safe) queues what is sent, so it is read when drained, on the caller's turn."""

    def __init__(self, *groups: str) -> None:
        self.layer = news_layer()
        self.received: list[dict] = []
        if isinstance(self.layer, InMemoryChannelLayer):
            self.loop = None
            self.channel = f"probe.{uuid.uuid4().hex}"
            for group in groups:
                async_to_sync(self.layer.group_add)(group, self.channel)
            return
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, name="layer-probe", daemon=True).start()
        self.channel = self._on_loop(self._listen(groups))

    def drain(self) -> list[dict]:
        """What arrived since the last drain, once nothing more came for DRAIN_TIMEOUT_S."""
        if self.loop is None:
            return async_to_sync(self._drain_queue)()
        return self._on_loop(self._drain_received())

    def _on_loop(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self.loop).result()

    async def _listen(self, groups: tuple[str, ...]) -> str:
        channel = await self.layer.new_channel("probe.")
        for group in groups:
            await self.layer.group_add(group, channel)
        self.reader = asyncio.create_task(self._read(channel))
        return channel

    async def _read(self, channel: str) -> None:
        while True:
            message = await self.layer.receive(channel)
            self.received.append(message)  # to the list of now: a drain swaps it meanwhile

    async def _drain_received(self) -> list[dict]:
        seen = -1
        while seen != len(self.received):
            seen = len(self.received)
            await asyncio.sleep(DRAIN_TIMEOUT_S)
        drained, self.received = self.received, []
        return drained

    async def _drain_queue(self) -> list[dict]:
        messages = []
        while True:
            try:
                messages.append(await asyncio.wait_for(self.layer.receive(self.channel), DRAIN_TIMEOUT_S))
            except TimeoutError:
                return messages
