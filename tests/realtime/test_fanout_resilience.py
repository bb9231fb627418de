"""The fan-out survives a channel layer that fails to answer, and has every connection
read what it missed from the log."""

import asyncio

from consumers import fanout as fanout_module
from consumers.fanout import Fanout


class FlakyLayer:
    """Fails the first receive, then waits forever (no news)."""

    def __init__(self) -> None:
        self.calls = 0

    async def receive(self, channel: str) -> dict:
        self.calls += 1
        if self.calls == 1:
            raise ConnectionError("redis went away")
        await asyncio.Event().wait()

    async def group_add(self, group: str, channel: str) -> None:
        """Membership is not what this test is about."""


class Subscriber:
    event_id, guest_id, sees_presence, sees_suggestions = 1, None, False, False

    def __init__(self) -> None:
        self.resynced = 0

    def resync(self) -> None:
        self.resynced += 1


async def test_a_failed_receive_makes_every_connection_resync(monkeypatch):
    monkeypatch.setattr(fanout_module, "PUMP_BACKOFF_MIN_S", 0.01)
    local = Fanout()
    local.layer = FlakyLayer()
    subscribers = [Subscriber(), Subscriber()]
    local.members["event.1"] = set(subscribers)
    pump = asyncio.create_task(local._pump())
    while local.layer.calls < 2:
        await asyncio.sleep(0.01)
    pump.cancel()
    assert [s.resynced for s in subscribers] == [1, 1]
