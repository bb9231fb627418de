"""Writing frames to one WebSocket connection.

Under daphne a frame is written straight to the connection's autobahn protocol, on
the event loop, without a coroutine per connection: that is what lets one update
reach a thousand local sockets in a few milliseconds (see fanout.py). A frame shared
by many connections is framed once (autobahn's PreparedMessage). Under any other
ASGI server, and Channels' test communicator, frames go through the ASGI `send`
callable in order, from a queue.

Both keep the frames of one connection in the order they were written.
"""

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable

from autobahn.websocket.protocol import PreparedMessage

logger = logging.getLogger(__name__)

# A phone that stops reading (asleep, in a pocket) must not make the server buffer
# without limit: past this many unsent bytes the connection is dropped, and the page
# reconnects and resumes from its last seq when it wakes.
WRITE_BUFFER_CAP = 1024 * 1024

Send = Callable[[dict], Awaitable[None]]


def prepare(text: str) -> PreparedMessage:
    """Frame a text message once for many server-side connections (no mask, no compression)."""
    return PreparedMessage(text.encode(), False, False, False)


class DaphneOutbox:
    """Direct writes to daphne's protocol object."""

    def __init__(self, protocol: object) -> None:
        self.protocol = protocol

    def write(self, text: str, prepared: PreparedMessage | None = None) -> None:
        protocol = self.protocol
        if protocol.state != protocol.STATE_OPEN:
            return
        if unsent_bytes(protocol.transport) > WRITE_BUFFER_CAP:
            logger.warning("dropping %r: %d bytes unsent", protocol, unsent_bytes(protocol.transport))
            protocol.dropConnection(abort=True)
            return
        if prepared is not None:
            protocol.sendPreparedMessage(prepared)
        else:
            protocol.sendMessage(text.encode())

    async def flush(self) -> None:
        """Writes are done when `write` returns."""

    def close(self) -> None:
        """Nothing to stop."""


class QueuedOutbox:
    """Frames through the ASGI `send` callable, one at a time, by a writer task."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.queue: asyncio.Queue[str] = asyncio.Queue()
        self.writer = asyncio.create_task(self._write_all())

    def write(self, text: str, prepared: PreparedMessage | None = None) -> None:
        self.queue.put_nowait(text)

    async def flush(self) -> None:
        await self.queue.join()

    def close(self) -> None:
        self.writer.cancel()

    async def _write_all(self) -> None:
        while True:
            text = await self.queue.get()
            try:
                await self.send({"type": "websocket.send", "text": text})
            finally:
                self.queue.task_done()


def outbox_for(send: Send) -> DaphneOutbox | QueuedOutbox:
    """daphne hands each application `functools.partial(server.handle_reply, protocol)`
    as its `send`; that is how the protocol object is found. Anything else is queued."""
    if isinstance(send, functools.partial) and getattr(send.func, "__name__", "") == "handle_reply" and send.args:
        protocol = send.args[0]
        if hasattr(protocol, "sendPreparedMessage") and hasattr(protocol, "transport"):
            return DaphneOutbox(protocol)
    return QueuedOutbox(send)


def unsent_bytes(transport: object) -> int:
    """Bytes Twisted still holds for the socket (its FileDescriptor buffers)."""
    buffered = getattr(transport, "dataBuffer", b"")
    return len(buffered) - getattr(transport, "offset", 0) + getattr(transport, "_tempDataLen", 0)
