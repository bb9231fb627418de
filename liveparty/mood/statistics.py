"""Mood statistics across many parties (an account's, or the whole site's): how the crowds
felt, when, and how often guests agreed with the camera.

The readings of the parties in scope are read once, counted by the hour on the viewer's
wall clock (`zone`: a party at 23:30 in Berlin is on a Saturday night there, whatever
the server's clock says), by mood and by how they were told; every figure but the most
active guests folds those counts. A few thousand hours stand for any number of readings.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet

from liveparty.accounts.models import Guest
from liveparty.clock import iso
from liveparty.db import LocalHour
from liveparty.mood.models import Mood, MoodReading

Period = Literal["day", "week", "month"]
# The guests named as the most active: a top ten reads at a glance.
MOST_ACTIVE = 10


@dataclass(frozen=True)
class HourCount:
    hour: datetime  # naive: the hour on the viewer's wall clock
    mood: str
    source: str
    camera_mood: str
    answered: bool  # a selfie reading the guest confirmed or corrected
    readings: int


def readings_at(event_ids: list[int]) -> QuerySet[MoodReading]:
    return MoodReading.objects.filter(guest__event_id__in=event_ids)


def by_hour(readings: QuerySet[MoodReading], zone: ZoneInfo) -> list[HourCount]:
    answered = Q(source=MoodReading.Source.CAMERA, confirmed_at__isnull=False)
    rows = (
        readings.annotate(
            hour=LocalHour("created_at", zone), answered=ExpressionWrapper(answered, output_field=BooleanField())
        )
        .values("hour", "mood", "source", "camera_mood", "answered")
        .annotate(n=Count("pk"))
        .values_list("hour", "mood", "source", "camera_mood", "answered", "n")
    )
    return [HourCount(hour.replace(tzinfo=None), *rest) for hour, *rest in rows]


def distribution(hours: list[HourCount]) -> dict[str, int]:
    counts = Counter()
    for row in hours:
        counts[row.mood] += row.readings
    return {mood: counts[mood] for mood in Mood.values}


def trends(hours: list[HourCount], period: Period, zone: ZoneInfo) -> dict:
    """Readings of each mood per day, week (from Monday) or month: only the periods
    with readings, in order (a gap of months between parties is not a row of zeros)."""
    counts: Counter[tuple[date, str]] = Counter()
    for row in hours:
        counts[(_period_start(row.hour.date(), period), row.mood)] += row.readings
    starts = sorted({start for start, _ in counts})
    series = {mood: [counts[(start, mood)] for start in starts] for mood in Mood.values}
    return {
        "period": period,
        "starts": [iso(datetime.combine(start, time(), zone)) for start in starts],
        "series": series,
    }


def by_weekday_and_hour(hours: list[HourCount]) -> list[list[int]]:
    """Readings by weekday (Monday first) and hour: 7 rows of 24."""
    grid = [[0] * 24 for _ in range(7)]
    for row in hours:
        grid[row.hour.weekday()][row.hour.hour] += row.readings
    return grid


def camera_by_mood(hours: list[HourCount]) -> dict[str, dict[str, int]]:
    """Of the selfie readings guests answered, per mood the camera read: how many they
    confirmed, and how many they corrected to another mood."""
    found = {mood: {"agreed": 0, "corrected": 0} for mood in Mood.values}
    for row in hours:
        if row.answered:
            found[row.camera_mood]["agreed" if row.mood == row.camera_mood else "corrected"] += row.readings
    return found


def most_active(readings: QuerySet[MoodReading], n: int = MOST_ACTIVE) -> list[dict]:
    """The guests who told their mood most often, with the party they told it at: the
    count by guest first, then the names of the few (no join to every reading's names)."""
    top = list(readings.values("guest_id").annotate(readings=Count("pk")).order_by("-readings", "guest_id")[:n])
    guests = Guest.objects.select_related("event").in_bulk([row["guest_id"] for row in top])
    return [
        {
            "nickname": guests[row["guest_id"]].nickname,
            "party": {"name": guests[row["guest_id"]].event.name, "code": guests[row["guest_id"]].event.code},
            "readings": row["readings"],
        }
        for row in top
    ]


def _period_start(day: date, period: Period) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day
