"""Garbage collection for a server holding many long-lived connections.

Each connection keeps hundreds of objects alive (protocol, consumer, buffers, tasks).
Python's full collections walk all of them, and at a thousand connections one pass
takes 100-200 ms: every update in flight then waits, which is the whole p99 tail of
the fan-out. Once connections settle, the objects alive are moved out of the
collector's sight (`gc.freeze`); they are still freed by reference counting, and
every REFREEZE_S the frozen set is collected once and frozen again, so cyclic garbage
among them (a closed connection's consumer and its tasks) is reclaimed too.
"""

import asyncio
import gc
import logging
import time

logger = logging.getLogger(__name__)

# Quiet time (no connection opened or closed) before freezing: not in the middle of a rush.
SETTLE_S = 2.0
# How often the frozen objects are collected after all: one pause per this long.
REFREEZE_S = 600.0


class FreezeWhenSettled:
    def __init__(self) -> None:
        self.timer: asyncio.TimerHandle | None = None
        self.last_collect = time.monotonic()

    def connections_changed(self) -> None:
        """Called on each connect and disconnect: (re)arms the settle timer."""
        if self.timer is not None:
            self.timer.cancel()
        self.timer = asyncio.get_running_loop().call_later(SETTLE_S, self.freeze)

    def freeze(self) -> None:
        self.timer = None
        if time.monotonic() - self.last_collect >= REFREEZE_S:
            started = time.perf_counter()
            gc.unfreeze()
            gc.collect()
            self.last_collect = time.monotonic()
            logger.info("collected frozen objects in %.0f ms", (time.perf_counter() - started) * 1000)
        gc.freeze()
