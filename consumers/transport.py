"""Writing frames to one WebSocket connection, in the order they were written.

Under daphne a frame goes straight to the connection's autobahn protocol, framed once for
every socket that shares it; elsewhere (another ASGI server, the test communicator) it
goes through the ASGI `send` from a queue. The fast path leans on daphne's and autobahn's
internals: settings.WEBSOCKET_FAST_PATH turns it off, the first connection logs which
outbox serves, and tests/e2e/test_fast_path.py fails when an upgrade takes it away.
"""

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable

from autobahn.websocket.protocol import PreparedMessage
from django.conf import settings
from twisted.internet import tcp

logger = logging.getLogger(__name__)

# A phone that stops reading (asleep, in a pocket) must not make the server buffer
# without limit: past this many unsent bytes the connection is dropped, and the page
# reconnects and resumes from its last seq when it wakes.
WRITE_BUFFER_CAP = 1024 * 1024

Send = Callable[[dict], Awaitable[None]]
Receive = Callable[[], Awaitable[dict]]


def prepare(text: str) -> PreparedMessage:
    """Frame a text message once for many server-side connections (no mask, no compression)."""
    return PreparedMessage(text.encode(), False, False, False)


class DaphneOutbox:
    """Direct writes to daphne's protocol object.

    A frame goes straight to the socket when Twisted holds nothing unsent for it (the
    common case), as asyncio's own transports do: Twisted's `write` would instead
    register the socket for writability and send on a later loop pass, two epoll
    calls and a loop pass per frame per connection. Whatever the socket does not take
    now, and every frame while Twisted has a backlog, goes through Twisted in order.
    """

    def __init__(self, protocol: object) -> None:
        self.protocol = protocol
        transport = protocol.transport
        # Plain TCP only (no TLS in between), and no per-message compression negotiated.
        self.direct = isinstance(transport, tcp.Connection) and protocol._perMessageCompress is None

    def write(self, text: str, prepared: PreparedMessage | None = None) -> None:
        protocol = self.protocol
        if protocol.state != protocol.STATE_OPEN:
            return
        transport = protocol.transport
        unsent = unsent_bytes(transport)
        if unsent > WRITE_BUFFER_CAP:
            logger.warning("dropping %r: %d bytes unsent", protocol, unsent)
            protocol.dropConnection(abort=True)
            return
        prepared = prepared or prepare(text)
        if not self.direct:
            protocol.sendPreparedMessage(prepared)
            return
        frame = prepared.payloadHybi
        if not unsent and transport.connected and not transport.disconnecting:
            # Would block, or a dead socket: Twisted's write takes it from here.
            with contextlib.suppress(OSError):
                frame = frame[transport.socket.send(frame) :]
            if not frame:
                return
        transport.write(frame)

    def close(self) -> None:
        """Nothing to stop."""

    async def drained(self) -> None:
        """Each frame is with Twisted once written, ahead of a close sent after it."""


class QueuedOutbox:
    """Frames through the ASGI `send` callable, one at a time, by a writer task."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.queue: asyncio.Queue[str] = asyncio.Queue()
        self.writer = asyncio.create_task(self._write_all())

    def write(self, text: str, prepared: PreparedMessage | None = None) -> None:
        self.queue.put_nowait(text)

    def close(self) -> None:
        self.writer.cancel()

    async def drained(self) -> None:
        """Once every frame written so far has gone through `send`."""
        await self.queue.join()

    async def _write_all(self) -> None:
        while True:
            await self.send({"type": "websocket.send", "text": await self.queue.get()})
            self.queue.task_done()


SERVER_SEND = "liveparty.server_send"


class KeepServerSend:
    """Outermost ASGI middleware: keeps the server's own `send` in the scope, before
    other middleware (Channels' sessions) wraps it, so the consumer can find daphne's
    protocol object behind it."""

    def __init__(self, application: Callable) -> None:
        self.application = application

    async def __call__(self, scope: dict, receive: Callable, send: Send) -> None:
        await self.application({**scope, SERVER_SEND: send}, receive, send)


def outbox_for(scope: dict, send: Send) -> DaphneOutbox | QueuedOutbox:
    """daphne hands each application `functools.partial(server.handle_reply, protocol)`
    as its `send`; that is how the protocol object is found. Anything else is queued
    through `send` (the consumer's, which may be wrapped)."""
    protocol, why_not = _daphne_protocol(scope)
    if protocol is None:
        _announce(f"WebSocket frames go through the ASGI send, not the fast path: {why_not}")
        return QueuedOutbox(send)
    # A message over daphne's limit (1 MiB) fails the connection before the app sees it;
    # autobahn's default drops the TCP connection then, and the page cannot tell why. With
    # this it closes properly, with 1009 "message too big" (RFC 6455).
    protocol.failByDrop = False
    outbox = DaphneOutbox(protocol)
    if outbox.direct:
        _announce("WebSocket frames go straight to daphne's sockets (the fast path)")
    else:
        _announce("WebSocket frames go through autobahn, not the fast path: TLS or compression on this connection")
    return outbox


def _daphne_protocol(scope: dict) -> tuple[object | None, str]:
    if not settings.WEBSOCKET_FAST_PATH:
        return None, "LIVEPARTY_WEBSOCKET_FAST_PATH=0"
    server_send = scope.get(SERVER_SEND)
    if not (isinstance(server_send, functools.partial) and server_send.func.__name__ == "handle_reply"):
        return None, "the server's send is not daphne's handle_reply (another server, or a test communicator)"
    protocol = server_send.args[0] if server_send.args else None
    if not (hasattr(protocol, "sendPreparedMessage") and hasattr(protocol, "transport")):
        return None, "daphne's protocol object is not autobahn's as expected (an upgrade changed it?)"
    return protocol, ""


_announced: set[str] = set()


def _announce(line: str) -> None:
    """Once per process and kind: which way frames go is news at start, not per connection."""
    if line not in _announced:
        _announced.add(line)
        logger.info(line)


def unsent_bytes(transport: object) -> int:
    """Bytes Twisted still holds for the socket (its FileDescriptor buffers)."""
    buffered = getattr(transport, "dataBuffer", b"")
    return len(buffered) - getattr(transport, "offset", 0) + getattr(transport, "_tempDataLen", 0)
