"""A client of the real server: the `websockets` library speaking LiveParty's protocol,
keeping its state the way a page does (tests/state_reducer.py)."""

import asyncio
import json

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from consumers.messages import check_frame
from tests.state_reducer import apply_updates, each_frame

RECEIVE_TIMEOUT_S = 10


def socket_url(base: str, code: str, role: str) -> str:
    return f"{base.replace('http://', 'ws://')}/ws/events/{code}/{role}/"


class PartyClient:
    """Frames are applied to `state` as they arrive, then wait in `inbox` until a test
    takes them (in order with `receive`, or by kind with `until`); an `updates` frame
    waits there as the `update` frames it lists."""

    def __init__(self, connection: ClientConnection) -> None:
        self.connection = connection
        self.inbox: list[dict] = []
        self.sent = 0
        self.seq = 0
        self.state: dict | None = None

    @classmethod
    async def open(cls, base: str, code: str, role: str, token: str | None = None, **options) -> "PartyClient":
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        connection = await connect(socket_url(base, code, role), additional_headers=headers, **options)
        return cls(connection)

    async def _read(self, timeout: float = RECEIVE_TIMEOUT_S) -> None:
        frame = json.loads(await asyncio.wait_for(self.connection.recv(), timeout))
        check_frame(frame)
        if frame["type"] == "snapshot":
            self.state, self.seq = frame["state"], frame["seq"]
        elif frame["type"] in ("update", "updates"):
            self._apply(frame)
        elif frame["type"] == "suggestions" and self.state is not None:
            self.state["me"]["suggestions"] = frame["data"]  # as the console does
        self.inbox.extend(each_frame(frame))

    def _apply(self, frame: dict) -> None:
        batch = frame["type"] == "updates"
        first, updates = (frame["from_seq"], frame["updates"]) if batch else (frame["seq"], [frame])
        if first <= self.seq + 1 and frame["seq"] > self.seq:
            self.state = apply_updates(self.state, [update for update in updates if update["seq"] > self.seq])
            self.seq = frame["seq"]

    async def receive(self, timeout: float = RECEIVE_TIMEOUT_S) -> dict:
        if not self.inbox:
            await self._read(timeout)
        return self.inbox.pop(0)

    async def until(self, frame_type: str, timeout: float = RECEIVE_TIMEOUT_S, **match) -> dict:
        """The first frame of `frame_type` matching `match`, the others left in the inbox;
        `timeout`: the longest wait for each frame."""
        checked = 0
        while True:
            for index in range(checked, len(self.inbox)):
                frame = self.inbox[index]
                if frame["type"] == frame_type and all(frame.get(k) == v for k, v in match.items()):
                    return self.inbox.pop(index)
            checked = len(self.inbox)
            await self._read(timeout)

    async def call(self, action: str, **fields) -> dict:
        """Send an action and return its answer (an ack or an error)."""
        self.sent += 1
        ref = f"{action}-{self.sent}"
        await self.send({"id": ref, "action": action, **fields})
        while True:
            for index, frame in enumerate(self.inbox):
                if frame["type"] in ("ack", "error") and frame["ref"] == ref:
                    return self.inbox.pop(index)
            await self._read()

    async def send(self, frame: dict) -> None:
        await self.connection.send(json.dumps(frame))

    async def send_text(self, text: str) -> None:
        """A frame as it is, readable or not."""
        await self.connection.send(text)

    async def close_code(self) -> int:
        """Wait for the server to close the socket; its close code."""
        try:
            while True:
                await asyncio.wait_for(self.connection.recv(), RECEIVE_TIMEOUT_S)
        except ConnectionClosed as closed:
            return closed.rcvd.code if closed.rcvd else closed.rcvd

    async def close(self) -> None:
        await self.connection.close()
