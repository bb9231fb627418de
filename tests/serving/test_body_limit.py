"""A body over the limit is refused with 413 `too_large` before it is read whole (F6)."""

import json

from asgiref.testing import ApplicationCommunicator
from django.conf import settings

from liveparty.asgi import application

CHUNK = 1024 * 1024


def http_scope(path: str, headers: list[tuple[bytes, bytes]]) -> dict:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"localhost"), (b"content-type", b"image/jpeg"), *headers],
        "client": ("127.0.0.1", 5000),
        "server": ("127.0.0.1", 8000),
    }


async def answer(communicator: ApplicationCommunicator) -> tuple[int, dict]:
    start = await communicator.receive_output(5)
    body = await communicator.receive_output(5)
    return start["status"], json.loads(body["body"])


async def test_a_declared_length_over_the_limit_is_refused_unread(event):
    length = str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1).encode()
    communicator = ApplicationCommunicator(
        application, http_scope(f"/api/events/{event.code}/selfies", [(b"content-length", length)])
    )
    await communicator.send_input({"type": "http.request", "body": b"x", "more_body": True})  # the rest never comes
    status, body = await answer(communicator)
    assert (status, body["error"]["code"]) == (413, "too_large")


async def test_a_chunked_body_is_refused_once_it_passes_the_limit(event):
    communicator = ApplicationCommunicator(application, http_scope(f"/api/events/{event.code}/selfies", []))
    chunks = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // CHUNK + 1
    for _ in range(chunks):
        await communicator.send_input({"type": "http.request", "body": b"\0" * CHUNK, "more_body": True})
    status, body = await answer(communicator)
    assert (status, body["error"]["code"]) == (413, "too_large")
    assert "8 MB" in body["error"]["message"]
