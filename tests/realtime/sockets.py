"""WebSocket clients for consumer tests: Channels' communicator, speaking JSON."""

import json

from channels.testing import WebsocketCommunicator

from consumers.messages import check_frame
from liveparty.accounts.tokens import GUEST_PREFIX, new_token
from liveparty.asgi import application
from tests.api.conftest import account_headers
from tests.state_reducer import each_frame

# Long enough for a busy CI machine, short enough that a missing frame fails fast.
RECEIVE_TIMEOUT_S = 5
# Nothing more within this long counts as nothing more (the in-memory layer is immediate).
QUIET_S = 0.15


class Socket:
    """Frames in the order they come; an `updates` frame comes as the `update` frames it lists."""

    def __init__(self, path: str, headers: dict | None = None) -> None:
        raw_headers = [(name.lower().encode(), value.encode()) for name, value in (headers or {}).items()]
        self.communicator = WebsocketCommunicator(application, path, headers=raw_headers)
        self.sent = 0
        self.backlog: list[dict] = []

    async def open(self) -> dict:
        """Connect and return the first frame (the snapshot, or a close)."""
        connected, _ = await self.communicator.connect()
        assert connected
        return await self.receive()

    async def receive(self, timeout: float = RECEIVE_TIMEOUT_S) -> dict:
        if self.backlog:
            return self.backlog.pop(0)
        message = await self.communicator.receive_output(timeout)
        if message["type"] == "websocket.close":
            return {"type": "close", "code": message.get("code")}
        frame = json.loads(message["text"])
        check_frame(frame)  # every frame any test receives matches the documented schemas
        first, *rest = each_frame(frame)
        self.backlog = rest + self.backlog
        return first

    async def nothing(self) -> bool:
        return not self.backlog and await self.communicator.receive_nothing(timeout=QUIET_S)

    async def send(self, frame: dict) -> None:
        await self.communicator.send_to(text_data=json.dumps(frame))

    async def call(self, action: str, **fields) -> str:
        self.sent += 1
        ref = f"m{self.sent}"
        await self.send({"id": ref, "action": action, **fields})
        return ref

    async def until(self, frame_type: str, **match) -> dict:
        """The first frame of `frame_type` matching `match`; the frames before it stay
        to be received next."""
        skipped = []
        while True:
            frame = await self.receive()
            if frame["type"] == frame_type and all(frame.get(k) == v for k, v in match.items()):
                self.backlog = skipped + self.backlog
                return frame
            skipped.append(frame)

    async def close(self) -> None:
        await self.communicator.disconnect()


def bearer_headers(token: str) -> dict:
    return {"authorization": f"Bearer {token}"}


__all__ = ["Socket", "account_headers", "bearer_headers", "guest_headers"]


def guest_headers(guest) -> dict:
    """A fresh token for a persona guest (join_event's token was not kept)."""
    token, token_hash = new_token(GUEST_PREFIX)
    type(guest).objects.filter(pk=guest.pk).update(token_hash=token_hash)
    return bearer_headers(token)
