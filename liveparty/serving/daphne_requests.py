"""How daphne receives a request's body in this project's servers.

Under daphne, Twisted does two things with a POST body that nothing here needs:

- It parses a form or multipart body into `request.args` (daphne hands Django the raw
  body, and Django parses it itself). Parsing a JSON request's Content-Type with the
  `email` package, which Twisted does first, was a quarter of a guest server's CPU in a
  burst of requests; a selfie's multipart body was parsed twice.
- It reads a body whole (a chunked one spooled to a file) before daphne starts the
  application, and daphne then queues all of it at once: `BodyLimit` could refuse a
  100 MiB chunked body only once it was in memory.

`BoundedRequest` does neither: it asks Twisted not to parse forms, and it stops reading
a body at the limit (settings.DATA_UPLOAD_MAX_MEMORY_SIZE), a declared length over it
at once, answering 413 `too_large` as `BodyLimit` does and closing the connection.
`install()` makes it daphne's request class; liveparty.asgi calls it, and daphne imports
that module before it listens. (The WebSocket fast path, consumers/transport.py, leans
on daphne's internals the same way; both are pinned with daphne in requirements.txt.)
"""

from daphne import http_protocol
from django.conf import settings

from liveparty.serving.body_limit import too_large


class BoundedRequest(http_protocol.WebRequest):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, parsePOSTFormSubmission=False, **kwargs)
        self.body_read = 0
        self.refused = False

    def gotLength(self, length: int | None) -> None:  # noqa: N802 (Twisted's names)
        if length is not None and length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            self._refuse()
            return
        super().gotLength(length)

    def handleContentChunk(self, data: bytes) -> None:  # noqa: N802
        if self.refused:
            return
        self.body_read += len(data)
        if self.body_read > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            self._refuse()
            return
        super().handleContentChunk(data)

    def requestReceived(self, command: bytes, path: bytes, version: bytes) -> None:  # noqa: N802
        if not self.refused:
            super().requestReceived(command, path, version)

    def _refuse(self) -> None:
        """Answer now, on the connection itself: the application never saw the request."""
        self.refused = True
        body = too_large(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        head = (
            b"HTTP/1.1 413 Payload Too Large\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)
        )
        self.channel.transport.write(head + body)
        self.channel.transport.loseConnection()


def install() -> None:
    http_protocol.WebRequest = BoundedRequest  # HTTPFactory.buildProtocol reads it for each connection
