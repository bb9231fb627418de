"""The night in slices of time: the recap's charts over time share one set of slices,
so requests and moods line up, and a chart has a readable number of bars whatever the
party's length."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from liveparty.clock import iso

# Round slice widths a person reads at a glance; the smallest that gives at most
# MAX_SLICES slices wins (a 20-minute party in 5-minute slices, a night in hours).
WIDTHS_MINUTES = (5, 10, 15, 30, 60, 120, 240)
MAX_SLICES = 24


@dataclass(frozen=True)
class Timeline:
    start: datetime
    width: timedelta
    count: int

    @classmethod
    def spanning(cls, start: datetime, end: datetime) -> "Timeline":
        start = start.replace(second=0, microsecond=0)
        span_minutes = max(1.0, (end - start).total_seconds() / 60)
        minutes = next((w for w in WIDTHS_MINUTES if span_minutes / w <= MAX_SLICES), WIDTHS_MINUTES[-1])
        width = timedelta(minutes=minutes)
        start -= timedelta(minutes=start.minute % minutes) if minutes <= 60 else timedelta(minutes=start.minute)
        count = max(1, -(-(end - start) // width))
        return cls(start, width, count)

    def slice_of(self, moment: datetime) -> int:
        """Moments outside the night (a clock skew) count in its first or last slice."""
        return min(self.count - 1, max(0, (moment - self.start) // self.width))

    def starts(self) -> list[datetime]:
        return [self.start + index * self.width for index in range(self.count)]

    @property
    def public(self) -> dict:
        return {"slice_minutes": int(self.width.total_seconds() // 60), "starts": [iso(at) for at in self.starts()]}
