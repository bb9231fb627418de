"""An HTTP request crosses from the event loop to a thread once for its middleware and
view, not once per middleware, and a process runs at most HTTP_LANES requests' sync
code at once (liveparty/serving/http_handler.py)."""

import asyncio
import threading

from asgiref.sync import SyncToAsync
from asgiref.testing import ApplicationCommunicator
from django.core.handlers.asgi import ASGIHandler
from django.http import HttpRequest, HttpResponse
from django.test import override_settings
from django.urls import path

from liveparty.serving.http_handler import SyncChainHandler

SCOPE = {
    "type": "http",
    "asgi": {"version": "3.0"},
    "http_version": "1.1",
    "method": "GET",
    "scheme": "http",
    "path": "/favicon.ico",
    "raw_path": b"/favicon.ico",
    "query_string": b"",
    "headers": [(b"host", b"localhost")],
    "client": ("127.0.0.1", 5000),
    "server": ("127.0.0.1", 8000),
}


async def hops_to_answer(handler: ASGIHandler, monkeypatch) -> tuple[int, int]:
    """The request's answer, and how many times it went to a thread for it."""
    hops = []
    crossing = SyncToAsync.__call__

    async def counted(self, *args, **kwargs):
        hops.append(self.func)
        return await crossing(self, *args, **kwargs)

    monkeypatch.setattr(SyncToAsync, "__call__", counted)
    communicator = ApplicationCommunicator(handler, SCOPE)
    await communicator.send_input({"type": "http.request", "body": b""})
    start = await communicator.receive_output(5)
    await communicator.receive_output(5)
    await communicator.wait(5)
    monkeypatch.undo()
    return start["status"], len(hops)


async def test_a_request_goes_to_the_thread_once_for_its_middleware_and_view(monkeypatch):
    status, hops = await hops_to_answer(SyncChainHandler(), monkeypatch)
    # request_started's receivers, the middleware and the view, the response's close
    assert (status, hops) == (302, 3)
    # Django's own handler, for the same request through the same middleware, hops for each.
    stock_status, stock_hops = await hops_to_answer(ASGIHandler(), monkeypatch)
    assert stock_status == 302
    assert stock_hops > 2 * hops


# The lanes, with views of this module (ROOT_URLCONF): `slow` holds its lane until the
# test releases it.
running = {"now": 0, "most": 0, "threads": set()}
guard = threading.Lock()
two_running, released = threading.Event(), threading.Event()


def slow(request: HttpRequest) -> HttpResponse:
    with guard:
        running["now"] += 1
        running["most"] = max(running["most"], running["now"])
        running["threads"].add(threading.current_thread().name)
        if running["now"] == 2:
            two_running.set()
    released.wait(5)
    with guard:
        running["now"] -= 1
    return HttpResponse("done")


async def quick(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"lanes busy: {running['now']}")


urlpatterns = [path("slow", slow), path("quick", quick)]


async def get(handler: SyncChainHandler, path: str) -> tuple[int, bytes]:
    communicator = ApplicationCommunicator(handler, {**SCOPE, "path": path, "raw_path": path.encode()})
    await communicator.send_input({"type": "http.request", "body": b""})
    start = await communicator.receive_output(5)
    body = await communicator.receive_output(5)
    return start["status"], body["body"]


@override_settings(ROOT_URLCONF=__name__, HTTP_LANES=2)
async def test_at_most_the_lanes_run_sync_views_and_an_async_view_takes_none():
    running.update(now=0, most=0, threads=set())
    two_running.clear()
    released.clear()
    handler = SyncChainHandler()
    slow_ones = [asyncio.create_task(get(handler, "/slow")) for _ in range(6)]
    assert await asyncio.to_thread(two_running.wait, 5)  # two in their view, four waiting for a lane
    status, body = await get(handler, "/quick")
    assert (status, body) == (200, b"lanes busy: 2")
    released.set()
    assert [await answer for answer in slow_ones] == [(200, b"done")] * 6
    assert running["most"] == 2
    assert all(name.startswith("http-lane") for name in running["threads"])
