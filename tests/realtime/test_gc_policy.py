"""The server's collector policy: objects frozen once connections settle; the frozen set
collected when a wave of connections has closed (their consumers are cyclic garbage that
only such a collection frees), else once every REFREEZE_S."""

from consumers import gc_policy
from consumers.gc_policy import CLOSED_BEFORE_COLLECT, COLLECT_WAIT_MAX_S, SETTLE_S, FreezeWhenSettled


class Collector:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def freeze(self) -> None:
        self.calls.append("freeze")

    def unfreeze(self) -> None:
        self.calls.append("unfreeze")

    def collect(self) -> int:
        self.calls.append("collect")
        return 0


async def test_a_wave_of_closed_connections_is_collected_once_things_settle(monkeypatch):
    collector = Collector()
    monkeypatch.setattr(gc_policy, "gc", collector)
    policy = FreezeWhenSettled()
    for _ in range(CLOSED_BEFORE_COLLECT - 1):
        policy.connections_changed(closed=True)
    policy.connections_changed()  # an opening does not count
    policy.freeze()
    assert collector.calls == ["freeze"]
    policy.connections_changed(closed=True)
    policy.freeze()
    assert collector.calls == ["freeze", "unfreeze", "collect", "freeze"]
    policy.connections_changed(closed=True)
    policy.freeze()  # counted afresh since that collection
    assert collector.calls[-1] == "freeze"
    assert collector.calls.count("collect") == 1


async def test_a_collection_due_waits_for_the_fanout_to_be_quiet_within_a_bound(monkeypatch):
    """A burst of requests right after a wave of connections must not have the pause of a
    whole-heap collection in its tail; a fan-out that never rests is collected anyway."""
    collector = Collector()
    monkeypatch.setattr(gc_policy, "gc", collector)
    policy = FreezeWhenSettled()
    for _ in range(CLOSED_BEFORE_COLLECT):
        policy.connections_changed(closed=True)
    policy.busy()
    policy.freeze()
    assert collector.calls == ["freeze"]  # frozen, not collected: updates are flowing
    assert policy.timer is not None  # it looks again
    policy.last_busy -= SETTLE_S
    policy.freeze()
    assert collector.calls == ["freeze", "unfreeze", "collect", "freeze"]

    for _ in range(CLOSED_BEFORE_COLLECT):
        policy.connections_changed(closed=True)
    policy.busy()
    policy.freeze()
    assert collector.calls.count("collect") == 1
    policy.due_since -= COLLECT_WAIT_MAX_S
    policy.busy()
    policy.freeze()
    assert collector.calls.count("collect") == 2
