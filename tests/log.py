"""Reading what actions wrote: the update log, and what reached the channel layer."""

import asyncio
import uuid

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from liveparty.events.models import Event
from liveparty.updates.models import Update

# How long an empty channel is waited on before we call it drained.
DRAIN_TIMEOUT_S = 0.3


def updates_since(event: Event, seq: int) -> list[dict]:
    return [update.message for update in Update.objects.filter(event=event, seq__gt=seq).order_by("seq")]


def kinds_since(event: Event, seq: int) -> list[str]:
    return [update["kind"] for update in updates_since(event, seq)]


class LayerProbe:
    """A channel subscribed to some groups, read the way a consumer would."""

    def __init__(self, *groups: str) -> None:
        self.layer = get_channel_layer()
        # A plain name, not new_channel()'s process-local one: with channels_redis that one is
        # buffered in the event loop that created it, and each async_to_sync call has its own.
        self.channel = f"probe.{uuid.uuid4().hex}"
        for group in groups:
            async_to_sync(self.layer.group_add)(group, self.channel)

    def drain(self) -> list[dict]:
        return async_to_sync(self._drain)()

    async def _drain(self) -> list[dict]:
        messages = []
        while True:
            try:
                messages.append(await asyncio.wait_for(self.layer.receive(self.channel), DRAIN_TIMEOUT_S))
            except TimeoutError:
                return messages
