"""Where the engine's work runs: in this process, or in `manage.py runworker recommend`.

Both engines call the same functions (compute.py); only the transport differs. In
process, questions are answered in the caller's thread (callers are never on the event
loop) and refreshes run as tasks on the server's loop, their work in a thread. With
workers, each question is a message on the `recommend` channel with a reply channel;
a worker that does not answer in time is logged and the question answered here, so the
console never waits on a dead worker.
"""

import asyncio
import contextvars
import functools
import logging
import threading
from collections.abc import Awaitable, Callable
from typing import Protocol

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import close_old_connections

from liveparty.engines import EngineError, call_worker, in_thread, server_loop
from liveparty.recommend import compute
from liveparty.updates.services import SUGGESTIONS_MESSAGE, event_group, news_layer

logger = logging.getLogger(__name__)

CHANNEL = "recommend"
# How long a page server waits for a worker's answer before answering itself.
WORKER_TIMEOUT_S = 3.0
# A refresh that takes longer than this is given up (the engine may be stuck).
REFRESH_TIMEOUT_S = 30.0
# Changes arriving within this window become one refresh (a burst of ratings is one push).
COALESCE_S = 0.2


class Engine(Protocol):
    """Both raise EngineError when the work fails, never anything else."""

    def suggest(self, event_id: int, n: int) -> list[dict]: ...

    def similar(self, song_id: int, n: int, event_id: int | None, guest_id: int | None) -> list[dict]: ...

    def refresh(self, event_id: int) -> None:
        """The event's suggestions changed: drop the cached list, push a fresh one (both
        coalesced, see Refreshes)."""

    def rebuild(self) -> None: ...


def suggestions_message(event_id: int, items: list[dict]) -> dict:
    return {"type": SUGGESTIONS_MESSAGE, "event_id": event_id, "data": items}


class Refreshes:
    """The changes of one event within COALESCE_S become one refresh, run on the
    server's loop: the cached list is invalidated (three Redis round trips) and `run`
    called once, so a burst of 300 asks costs one refresh, not 300, and no request waits
    for it. Where this process serves no loop (a management command) the list is
    invalidated at once and `ask` answers False."""

    def __init__(self, run: Callable[[int], Awaitable[None]]) -> None:
        self.run = run
        self.pending: set[int] = set()

    def ask(self, event_id: int) -> bool:
        loop = server_loop().running()
        if loop is None:
            compute.invalidate(event_id)
            return False
        # A fresh context: the caller's would tie the task to the caller's thread (asgiref).
        loop.call_soon_threadsafe(self._schedule, event_id, context=contextvars.Context())
        return True

    def _schedule(self, event_id: int) -> None:
        if event_id not in self.pending:
            self.pending.add(event_id)
            asyncio.get_running_loop().create_task(self._later(event_id))

    async def _later(self, event_id: int) -> None:
        await asyncio.sleep(COALESCE_S)
        self.pending.discard(event_id)
        try:
            await asyncio.to_thread(compute.invalidate, event_id)
        except Exception:
            logger.exception("could not invalidate the suggestions of event %s", event_id)
            return
        await self.run(event_id)


class InProcessEngine:
    """The embedded default: no other process, the work in threads of this one."""

    def __init__(self) -> None:
        self.refreshes = Refreshes(self._refresh)
        self.rebuilding = threading.Lock()
        self.wanted = False
        self.running = False

    def suggest(self, event_id: int, n: int) -> list[dict]:
        return _as_engine_error(compute.suggestions, event_id, n)

    def similar(self, song_id: int, n: int, event_id: int | None, guest_id: int | None) -> list[dict]:
        return _as_engine_error(compute.similar, song_id, n, event_id, guest_id)

    def refresh(self, event_id: int) -> None:
        # Without a loop here there is no connection to push to: the next snapshot computes the list.
        self.refreshes.ask(event_id)

    async def _refresh(self, event_id: int) -> None:
        try:
            items = await in_thread(compute.refresh, event_id, compute.SUGGESTIONS, timeout=REFRESH_TIMEOUT_S)
        except EngineError as failure:
            # The consoles keep their list; the next change or connection asks again.
            logger.warning("could not refresh the suggestions of event %s: %s", event_id, failure)
            return
        if items is None:
            return
        try:
            await news_layer().group_send(event_group(event_id), suggestions_message(event_id, items))
        except Exception:
            logger.exception("could not push the suggestions of event %s", event_id)

    def rebuild(self) -> None:
        with self.rebuilding:
            self.wanted = True  # a running rebuild may have read the database before this change
            if self.running:
                return
            self.running = True
        threading.Thread(target=self._rebuild, name="recommend-rebuild", daemon=True).start()

    def _rebuild(self) -> None:
        """Rebuild until no party ended during the last build: one thread, no pile-up."""
        try:
            while True:
                with self.rebuilding:
                    if not self.wanted:
                        self.running = False
                        return
                    self.wanted = False
                try:
                    compute.rebuild()
                except Exception:
                    logger.exception("could not rebuild the recommender model")
        finally:
            close_old_connections()


class WorkerEngine:
    """Production: the work runs in `manage.py runworker recommend` processes."""

    def __init__(self) -> None:
        self.refreshes = Refreshes(self._send_refresh)

    def suggest(self, event_id: int, n: int) -> list[dict]:
        question = {"type": "recommend.suggest", "event_id": event_id, "n": n}
        here = functools.partial(_as_engine_error, compute.suggestions, event_id, n)
        return call_worker(CHANNEL, question, WORKER_TIMEOUT_S, here)

    def similar(self, song_id: int, n: int, event_id: int | None, guest_id: int | None) -> list[dict]:
        question = {"type": "recommend.similar", "song_id": song_id, "n": n, "event_id": event_id, "guest_id": guest_id}
        here = functools.partial(_as_engine_error, compute.similar, song_id, n, event_id, guest_id)
        return call_worker(CHANNEL, question, WORKER_TIMEOUT_S, here)

    def refresh(self, event_id: int) -> None:
        if not self.refreshes.ask(event_id):
            async_to_sync(get_channel_layer().send)(CHANNEL, _refresh_job(event_id))

    async def _send_refresh(self, event_id: int) -> None:
        try:
            await get_channel_layer().send(CHANNEL, _refresh_job(event_id))
        except Exception:
            logger.exception("could not ask a worker to refresh the suggestions of event %s", event_id)

    def rebuild(self) -> None:
        async_to_sync(get_channel_layer().send)(CHANNEL, {"type": "recommend.rebuild"})


def _refresh_job(event_id: int) -> dict:
    return {"type": "recommend.refresh", "event_id": event_id}


def _as_engine_error(work: Callable[..., list[dict]], *args: object) -> list[dict]:
    """The engine's failure as the one error its callers handle."""
    try:
        return work(*args)
    except Exception as failure:
        logger.exception("the recommender failed")
        raise EngineError(f"{type(failure).__name__}: {failure}") from failure


@functools.cache
def engine_for(mode: str) -> Engine:
    return WorkerEngine() if mode == "worker" else InProcessEngine()


def engine() -> Engine:
    return engine_for(settings.ENGINES)
