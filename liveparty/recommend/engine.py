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
import logging
import threading
from collections.abc import Callable
from typing import Protocol

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import close_old_connections

from liveparty.engines import ask_worker
from liveparty.recommend import compute
from liveparty.updates.services import SUGGESTIONS_MESSAGE, event_group

logger = logging.getLogger(__name__)

CHANNEL = "recommend"
# How long a page server waits for a worker's answer before answering itself.
WORKER_TIMEOUT_S = 3.0
# Changes arriving within this window become one refresh (a burst of ratings is one push).
COALESCE_S = 0.2


class Engine(Protocol):
    def serve_on(self, loop: asyncio.AbstractEventLoop) -> None: ...

    def suggest(self, event_id: int, n: int) -> list[dict]: ...

    def similar(self, song_id: int, n: int, event_id: int | None, guest_id: int | None) -> list[dict]: ...

    def refresh(self, event_id: int) -> None: ...

    def rebuild(self) -> None: ...


def suggestions_message(event_id: int, items: list[dict]) -> dict:
    return {"type": SUGGESTIONS_MESSAGE, "event_id": event_id, "data": items}


class InProcessEngine:
    """The embedded default: no other process, the work in threads of this one."""

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.pending: set[int] = set()
        self.rebuilding = threading.Lock()
        self.wanted = False
        self.running = False

    def serve_on(self, loop: asyncio.AbstractEventLoop) -> None:
        """The loop of this process's connections: refreshes are pushed from it."""
        self.loop = loop

    def suggest(self, event_id: int, n: int) -> list[dict]:
        return compute.suggestions(event_id, n)

    def similar(self, song_id: int, n: int, event_id: int | None, guest_id: int | None) -> list[dict]:
        return compute.similar(song_id, n, event_id, guest_id)

    def refresh(self, event_id: int) -> None:
        loop = self.loop
        if loop is None or loop.is_closed():
            return  # no connection here to push to; the next snapshot computes the list
        # A fresh context: the caller's would tie the task to the caller's thread (asgiref).
        loop.call_soon_threadsafe(self._schedule, event_id, context=contextvars.Context())

    def _schedule(self, event_id: int) -> None:
        if event_id not in self.pending:
            self.pending.add(event_id)
            asyncio.get_running_loop().create_task(self._refresh(event_id))

    async def _refresh(self, event_id: int) -> None:
        await asyncio.sleep(COALESCE_S)
        self.pending.discard(event_id)
        try:
            items = await database_sync_to_async(compute.refresh)(event_id, compute.SUGGESTIONS)
            if items is not None:
                await get_channel_layer().group_send(event_group(event_id), suggestions_message(event_id, items))
        except Exception:
            logger.exception("could not refresh the suggestions of event %s", event_id)

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

    def suggest(self, event_id: int, n: int) -> list[dict]:
        return self._ask({"type": "recommend.suggest", "event_id": event_id, "n": n}, compute.suggestions, event_id, n)

    def similar(self, song_id: int, n: int, event_id: int | None, guest_id: int | None) -> list[dict]:
        question = {"type": "recommend.similar", "song_id": song_id, "n": n, "event_id": event_id, "guest_id": guest_id}
        return self._ask(question, compute.similar, song_id, n, event_id, guest_id)

    def refresh(self, event_id: int) -> None:
        async_to_sync(get_channel_layer().send)(CHANNEL, {"type": "recommend.refresh", "event_id": event_id})

    def rebuild(self) -> None:
        async_to_sync(get_channel_layer().send)(CHANNEL, {"type": "recommend.rebuild"})

    def serve_on(self, loop: asyncio.AbstractEventLoop) -> None:
        """Workers push the refreshes; the page servers' loops need not be known."""

    def _ask(self, question: dict, here: Callable[..., list[dict]], *args: object) -> list[dict]:
        try:
            answer = async_to_sync(ask_worker)(CHANNEL, question, WORKER_TIMEOUT_S)
        except TimeoutError:
            logger.warning(
                "no recommend worker answered %s in %.0f s; answering here", question["type"], WORKER_TIMEOUT_S
            )
            return here(*args)
        if "error" in answer:
            raise WorkerFailed(answer["error"])
        return answer["items"]


class WorkerFailed(RuntimeError):
    """The worker could not answer (its message says why)."""


_engines: dict[str, Engine] = {}


def engine() -> Engine:
    mode = settings.ENGINES
    if mode not in _engines:
        _engines[mode] = WorkerEngine() if mode == "worker" else InProcessEngine()
    return _engines[mode]
