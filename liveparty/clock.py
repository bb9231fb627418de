"""Time on the wire: ISO-8601 UTC with a fixed shape, so that clients can compare strings."""

from datetime import UTC, datetime

WIRE_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def iso(moment: datetime | None) -> str | None:
    """Always microseconds and `Z`: `isoformat()` drops zero microseconds and breaks ordering."""
    if moment is None:
        return None
    return moment.astimezone(UTC).strftime(WIRE_FORMAT)
