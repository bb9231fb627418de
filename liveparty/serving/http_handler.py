"""Django's ASGI handler, with a request's middleware and view run in one hop to a thread,
and the threads a few lanes per process that requests take turns on.

Django's own handler runs its middleware chain in async mode and adapts each piece that
is not async: every `MiddlewareMixin` (security, sessions, CSRF, auth, messages...) then
hops to the thread for its `process_request` and again for its `process_response`, a
sync-only middleware hops back to the loop for what lies under it, and the view hops once
more. Our views are sync (they use the database), so each request went back and forth a
dozen times, and in a burst those hops were most of a guest server's event loop. Here the
chain is loaded in sync mode, as under WSGI, and a request crosses to its thread once.

Django also starts a thread for each request (and another to join it), so a burst of 300
requests on four servers was 300 threads and as many transactions at once, queued in
PostgreSQL on the same few rows (one party's) and scheduled against each other on two
cores. Here each process has HTTP_LANES threads, and a request waits for a free one once
its body is in. The HTTP burst of benchmarks/cluster.py (300 requests at once on this
2-core machine, whose runs vary by a third) went from 99-152 requests a second with a
thread per request to 120-209 with 2 to 8 lanes; 32 lanes gave 121-153 again. A phone's
slow upload holds no lane (the body is read first), and the response is handed to
daphne, which buffers it. A request for an async view (the health checks) takes no lane,
so they answer while every lane waits on the database; it gets a thread of its own, as
under Django's handler.
"""

import asyncio
import weakref
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from asgiref.sync import ThreadSensitiveContext, iscoroutinefunction, sync_to_async
from django.conf import settings
from django.core.exceptions import RequestAborted
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.base import BaseHandler
from django.http import HttpRequest, HttpResponseBase
from django.urls import Resolver404, resolve

from consumers.transport import Receive, Send

Lanes = asyncio.Queue[ThreadPoolExecutor]


class BodyRead:
    """The request's `receive` once its body was read (before the request took a lane)."""

    def __init__(self, body_file: Any, receive: Receive) -> None:
        self.body_file = body_file
        self.receive = receive

    async def __call__(self) -> dict:
        return await self.receive()


class SyncChainHandler(ASGIHandler):
    def __init__(self) -> None:
        BaseHandler.__init__(self)
        self.load_middleware(is_async=False)
        # Per event loop: daphne runs one, each async test its own.
        self.lanes: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Lanes] = weakref.WeakKeyDictionary()

    async def __call__(self, scope: dict, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        try:
            body_read = BodyRead(await self.read_body(receive), receive)
        except RequestAborted:
            return
        if _serves_async(scope):
            async with ThreadSensitiveContext():
                await self.handle(scope, body_read, send)
            return
        lanes = self._lanes()
        lane = await lanes.get()
        try:
            async with ThreadSensitiveContext(executor=lane):
                await self.handle(scope, body_read, send)
        finally:
            lanes.put_nowait(lane)

    async def read_body(self, receive: Receive | BodyRead) -> Any:
        if isinstance(receive, BodyRead):
            return receive.body_file
        return await super().read_body(receive)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)

    def _lanes(self) -> Lanes:
        loop = asyncio.get_running_loop()
        lanes = self.lanes.get(loop)
        if lanes is None:
            lanes = self.lanes[loop] = asyncio.Queue()
            for _ in range(settings.HTTP_LANES):
                lanes.put_nowait(ThreadPoolExecutor(max_workers=1, thread_name_prefix="http-lane"))
        return lanes


def _serves_async(scope: dict) -> bool:
    try:
        match = resolve(scope["path"])
    except Resolver404:
        return False
    return iscoroutinefunction(match.func)
