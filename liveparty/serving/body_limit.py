"""Request bodies are bounded before Django reads them.

Django's ASGI handler reads a whole body before any view runs, and a chunked body
announces no length: a body past DATA_UPLOAD_MAX_MEMORY_SIZE was read whole, then
answered 500 `internal` when the view touched it. Here a body whose Content-Length is
over the limit is refused before a byte of it is read, and one without a length as soon
as it passes the limit: 413 `too_large`, in the API's error shape. (Under daphne the
server itself stops reading at the limit first: daphne_requests.py.)
"""

import json

from django.conf import settings

from consumers.transport import Receive, Send


class TooLarge(Exception):
    pass


class BodyLimit:
    def __init__(self, application: object) -> None:
        self.application = application

    async def __call__(self, scope: dict, receive: Receive, send: Send) -> None:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        length = dict(scope.get("headers", [])).get(b"content-length", b"")
        if length.isdigit() and int(length) > limit:
            return await refuse(send, limit)
        read = 0

        async def bounded() -> dict:
            nonlocal read
            message = await receive()
            if message["type"] == "http.request":
                read += len(message.get("body", b""))
                if read > limit:
                    raise TooLarge
            return message

        try:
            await self.application(scope, bounded, send)
        except TooLarge:
            await refuse(send, limit)


def too_large(limit: int) -> bytes:
    message = f"That is too big: the limit is {limit // (1024 * 1024)} MB."
    return json.dumps({"error": {"code": "too_large", "message": message}}).encode()


async def refuse(send: Send, limit: int) -> None:
    body = too_large(limit)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 413, "headers": [*headers, (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
