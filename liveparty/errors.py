"""Domain errors: one class per stable error code of docs/protocol.md.

Services raise these; the HTTP API and the consumers turn them into
`{"error": {"code", "message"}}` bodies and `error` frames. `code` is the
machine-readable contract, `message` a sentence a person can read.
"""

from typing import ClassVar


class DomainError(Exception):
    """A refusal the caller can act on; never a bug."""

    code: ClassVar[str] = "invalid"
    http_status: ClassVar[int] = 400

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


class Invalid(DomainError):
    code = "invalid"
    http_status = 400


class Unauthenticated(DomainError):
    code = "unauthenticated"
    http_status = 401


class Forbidden(DomainError):
    code = "forbidden"
    http_status = 403


class NotFound(DomainError):
    code = "not_found"
    http_status = 404


class Conflict(DomainError):
    """The request is valid but clashes with the current state (e.g. `dj_busy`)."""

    code = "conflict"
    http_status = 409


class EventEnded(DomainError):
    code = "event_ended"
    http_status = 410

    def __init__(self, message: str = "This event has ended.") -> None:
        super().__init__(message)


class RateLimited(DomainError):
    """Too much, too fast: `retry_after` says how many seconds to wait."""

    code = "rate_limited"
    http_status = 429

    def __init__(self, message: str, *, retry_after: int, code: str | None = None) -> None:
        super().__init__(message, code=code)
        self.retry_after = max(1, int(retry_after))

    def as_dict(self) -> dict:
        return {**super().as_dict(), "retry_after": self.retry_after}


def refusal_from_dict(body: dict) -> DomainError:
    """A refusal sent across processes (an engine worker's `as_dict()` with its status)."""
    by_status = {400: Invalid, 401: Unauthenticated, 403: Forbidden, 404: NotFound, 409: Conflict}
    return by_status.get(body.get("status"), Invalid)(body["message"], code=body["code"])


# Where pydantic says an input came from (django-ninja's request parts): not a field name.
_INPUT_PARTS = frozenset({"body", "payload", "query", "path"})


def describe_invalid(errors: list[dict]) -> str:
    """Pydantic's error list as one sentence naming the fields, e.g. `name: Field required`
    (the HTTP API's and the WebSocket's `invalid` messages alike)."""
    parts = []
    for error in errors:
        location = ".".join(str(part) for part in error.get("loc", ()) if part not in _INPUT_PARTS)
        message = error.get("msg", "invalid")
        if error.get("type") == "value_error" and "error" in error.get("ctx", {}):
            message = str(error["ctx"]["error"])  # our own validator's sentence, without "Value error, "
        parts.append(f"{location}: {message}" if location else message)
    return "; ".join(parts) or "The request is not valid."
