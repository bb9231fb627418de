"""An HTTP request crosses from the event loop to the thread of sync work once for its
middleware and view (liveparty/serving/http_handler.py), not once per middleware."""

from asgiref.sync import SyncToAsync
from asgiref.testing import ApplicationCommunicator
from django.core.handlers.asgi import ASGIHandler

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
