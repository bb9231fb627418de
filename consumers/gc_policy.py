"""Garbage collection for a server holding many long-lived connections.

Each connection keeps hundreds of objects alive (protocol, consumer, buffers, tasks).
Python's full collections walk all of them, and at a thousand connections one pass
takes 100-200 ms: every update in flight then waits, which is the whole p99 tail of
the fan-out. Once connections settle, the objects alive are moved out of the
collector's sight (`gc.freeze`); they are still freed by reference counting. A closed
connection's consumer and its tasks are cyclic garbage, which only a collection of the
frozen set reclaims: about a third of a MiB each when the snapshot was big. So the
frozen set is collected, once, when the connections settle after CLOSED_BEFORE_COLLECT
of them have closed (a reconnect storm of 250 phones held 90 MiB until then, and each
storm added as much), and every REFREEZE_S in any case.

A collection of the whole heap pauses the server for a good half second: it waits for
the fan-out to be quiet too (no update sent for SETTLE_S), or a burst of requests that
followed a wave of connections had that pause in its tail, for up to COLLECT_WAIT_MAX_S.
The freeze itself is cheap and never waits.
"""

import asyncio
import gc
import logging
import time

logger = logging.getLogger(__name__)

# Quiet time (no connection opened or closed) before freezing: not in the middle of a rush.
SETTLE_S = 2.0
# How often the frozen objects are collected after all: one pause per this long...
REFREEZE_S = 600.0
# ...or as soon as things settle once this many connections have closed since.
CLOSED_BEFORE_COLLECT = 100
# A collection due waits at most this long for the fan-out to be quiet.
COLLECT_WAIT_MAX_S = 30.0


class FreezeWhenSettled:
    def __init__(self) -> None:
        self.timer: asyncio.TimerHandle | None = None
        self.last_collect = time.monotonic()
        self.closed = 0  # connections closed since the last collection
        self.last_busy = float("-inf")  # when the fan-out last sent updates
        self.due_since: float | None = None  # when a collection came due that still waits

    def connections_changed(self, *, closed: bool = False) -> None:
        """Called on each connect and disconnect: (re)arms the settle timer."""
        self.closed += closed
        if self.timer is not None:
            self.timer.cancel()
        self.timer = asyncio.get_running_loop().call_later(SETTLE_S, self.freeze)

    def busy(self) -> None:
        """Called when the fan-out sends updates."""
        self.last_busy = time.monotonic()

    def freeze(self) -> None:
        self.timer = None
        now = time.monotonic()
        if self.closed >= CLOSED_BEFORE_COLLECT or now - self.last_collect >= REFREEZE_S:
            if self.due_since is None:
                self.due_since = now
            if now - self.last_busy >= SETTLE_S or now - self.due_since >= COLLECT_WAIT_MAX_S:
                self._collect()
            else:  # updates are flowing: look again once they may have stopped
                self.timer = asyncio.get_running_loop().call_later(SETTLE_S, self.freeze)
        gc.freeze()

    def _collect(self) -> None:
        started = time.perf_counter()
        gc.unfreeze()
        gc.collect()
        self.last_collect, self.closed, self.due_since = time.monotonic(), 0, None
        logger.info("collected frozen objects in %.0f ms", (time.perf_counter() - started) * 1000)
