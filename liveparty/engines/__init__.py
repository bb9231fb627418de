"""How this process reaches an engine (the recommender, the mood reader), wherever it
runs: here, or in `manage.py runworker recommend` / `mood` processes (settings.ENGINES).

Everything the two engines share lives here: the one error type (`EngineError`, which
says whether retrying can help), the question to a worker with its timeout and its
answer here when no worker answers, what a worker replies, the loop this process's
connections run on (`serve_on`), and the threads engine work runs in when a connection
asks (never the event loop, never the thread Django's database calls share).
"""

import asyncio
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import async_to_sync
from channels.db import DatabaseSyncToAsync
from channels.layers import get_channel_layer

from liveparty.errors import DomainError, refusal_from_dict

logger = logging.getLogger(__name__)

# Threads for engine work asked for by connections: a hung engine holds one, no more.
ENGINE_THREADS = 4


class EngineError(Exception):
    """An engine could not answer. `permanent`: asking again cannot help (no model is
    installed, say); otherwise it may answer later (a timeout, a worker restarting)."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


async def ask_worker(channel: str, question: dict, timeout: float) -> dict:
    """A question on the engine's channel with a reply channel of our own, answered once;
    TimeoutError when no answer came within `timeout` seconds."""
    layer = get_channel_layer()
    reply_to = await layer.new_channel()
    await layer.send(channel, {**question, "reply_to": reply_to})
    return await asyncio.wait_for(layer.receive(reply_to), timeout)


def call_worker(channel: str, question: dict, timeout: float, here: Callable[[], Any]) -> Any:
    """The worker's result; `here()` when no worker answered in time (a dead worker costs
    a wait, never the answer). A worker's refusal is raised as the same DomainError, its
    failure as EngineError."""
    try:
        answer = async_to_sync(ask_worker)(channel, question, timeout)
    except TimeoutError:
        logger.warning("no %s worker answered %s in %.0f s; answering here", channel, question["type"], timeout)
        return here()
    return result_of(answer)


def answer_of(work: Callable[[], Any], kind: str) -> dict:
    """What a worker replies to a question: the result, the refusal, or the failure."""
    try:
        return {"type": kind, "result": work()}
    except DomainError as refusal:
        return {"type": kind, "refusal": {**refusal.as_dict(), "status": refusal.http_status}}
    except EngineError as failure:
        return {"type": kind, "failure": str(failure), "permanent": failure.permanent}
    except Exception as failure:
        logger.exception("engine worker failed on %s", kind)
        return {"type": kind, "failure": f"{type(failure).__name__}: {failure}", "permanent": False}


def result_of(answer: dict) -> Any:
    if "result" in answer:
        return answer["result"]
    if "refusal" in answer:
        raise refusal_from_dict(answer["refusal"])
    raise EngineError(answer["failure"], permanent=answer["permanent"])


class ServerLoop:
    """The event loop of this process's connections and requests: engine results computed
    in other threads are pushed from it, and a burst's refreshes of the suggestions are
    coalesced on it. None until the first connection or request (a management command
    has no loop, and nothing to push to): the ASGI application notes it (`NoteTheLoop`)."""

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None

    def serve_on(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop

    def running(self) -> asyncio.AbstractEventLoop | None:
        loop = self.loop
        return loop if loop is not None and not loop.is_closed() else None


@functools.cache
def server_loop() -> ServerLoop:
    return ServerLoop()


class NoteTheLoop:
    """ASGI middleware: the loop each scope runs on is this process's server loop. HTTP
    included: a server that took only requests (a burst of them) asked a worker for a
    refresh of the suggestions on every one."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        server_loop().serve_on(asyncio.get_running_loop())
        await self.app(scope, receive, send)


@functools.cache
def _threads() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=ENGINE_THREADS, thread_name_prefix="engine")


async def in_thread(work: Callable[..., Any], *args: object, timeout: float) -> Any:
    """Run engine work from the event loop in a thread of the engines' own, with its own
    database connection; EngineError when it raises or has not answered in `timeout` s."""
    call = DatabaseSyncToAsync(work, thread_sensitive=False, executor=_threads())
    try:
        return await asyncio.wait_for(call(*args), timeout)
    except TimeoutError as error:
        raise EngineError(f"{getattr(work, '__name__', 'the engine')} did not answer in {timeout:.0f} s") from error
    except (EngineError, DomainError):
        raise
    except Exception as error:
        logger.exception("engine work %s failed", getattr(work, "__name__", work))
        raise EngineError(f"{type(error).__name__}: {error}") from error
