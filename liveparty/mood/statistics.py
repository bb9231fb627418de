"""Mood statistics across many parties (an account's, or the whole site's): how the crowds
felt, when, and how often guests agreed with the camera. Each figure is one aggregate
query over the readings of the parties in scope, whatever their number.

Days, weeks, hours and weekdays are the viewer's (`zone`): a party at 23:30 in Berlin
is on a Saturday night there, whatever the server's clock says."""

from typing import Literal
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, TruncDay, TruncMonth, TruncWeek

from liveparty.clock import iso
from liveparty.events.models import Event
from liveparty.mood.models import Mood, MoodReading

Period = Literal["day", "week", "month"]
TRUNCATE = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth}
# The guests named as the most active: a top ten reads at a glance.
MOST_ACTIVE = 10


def readings_at(events: QuerySet[Event]) -> QuerySet[MoodReading]:
    return MoodReading.objects.filter(guest__event__in=events)


def distribution(readings: QuerySet[MoodReading]) -> dict[str, int]:
    counts = dict(readings.values_list("mood").annotate(n=Count("pk")))
    return {mood: counts.get(mood, 0) for mood in Mood.values}


def trends(readings: QuerySet[MoodReading], period: Period, zone: ZoneInfo) -> dict:
    """Readings of each mood per day, week (from Monday) or month: only the periods
    with readings, in order (a gap of months between parties is not a row of zeros)."""
    rows = (
        readings.annotate(period=TRUNCATE[period]("created_at", tzinfo=zone))
        .values("period", "mood")
        .annotate(n=Count("pk"))
        .values_list("period", "mood", "n")
    )
    starts = sorted({start for start, _, _ in rows})
    index = {start: at for at, start in enumerate(starts)}
    series = {mood: [0] * len(starts) for mood in Mood.values}
    for start, mood, n in rows:
        series[mood][index[start]] = n
    return {"period": period, "starts": [iso(start) for start in starts], "series": series}


def by_weekday_and_hour(readings: QuerySet[MoodReading], zone: ZoneInfo) -> list[list[int]]:
    """Readings by weekday (Monday first) and hour: 7 rows of 24."""
    grid = [[0] * 24 for _ in range(7)]
    rows = (
        readings.annotate(
            weekday=ExtractIsoWeekDay("created_at", tzinfo=zone), hour=ExtractHour("created_at", tzinfo=zone)
        )
        .values("weekday", "hour")
        .annotate(n=Count("pk"))
        .values_list("weekday", "hour", "n")
    )
    for weekday, hour, n in rows:
        grid[weekday - 1][hour] = n
    return grid


def camera_by_mood(readings: QuerySet[MoodReading]) -> dict[str, dict[str, int]]:
    """Of the selfie readings guests answered, per mood the camera read: how many they
    confirmed, and how many they corrected to another mood."""
    answered = readings.filter(source=MoodReading.Source.CAMERA, confirmed_at__isnull=False)
    rows = answered.values("camera_mood").annotate(
        agreed=Count("pk", filter=Q(mood=F("camera_mood"))), corrected=Count("pk", filter=~Q(mood=F("camera_mood")))
    )
    found = {row["camera_mood"]: {"agreed": row["agreed"], "corrected": row["corrected"]} for row in rows}
    return {mood: found.get(mood, {"agreed": 0, "corrected": 0}) for mood in Mood.values}


def most_active(readings: QuerySet[MoodReading], n: int = MOST_ACTIVE) -> list[dict]:
    """The guests who told their mood most often, with the party they told it at."""
    rows = (
        readings.values("guest_id", "guest__nickname", "guest__event__name", "guest__event__code")
        .annotate(readings=Count("pk"))
        .order_by("-readings", "guest_id")[:n]
    )
    return [
        {
            "nickname": row["guest__nickname"],
            "party": {"name": row["guest__event__name"], "code": row["guest__event__code"]},
            "readings": row["readings"],
        }
        for row in rows
    ]
