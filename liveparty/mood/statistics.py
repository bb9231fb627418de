"""Mood statistics across many parties (an account's, or the whole site's): how the crowds
felt, when, and how often guests agreed with the camera.

The readings of the parties in scope are counted once by the hour on the viewer's wall
clock (`zone`: a party at 23:30 in Berlin is on a Saturday night there, whatever the
server's clock says) and mood; the distribution, the trends and the heatmap fold those
counts: a few thousand hours stand for any number of readings. The camera's answers,
and the guests (the most active, and how many told each mood) are one more grouped query
each.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from django.db.models import Case, Count, F, Q, QuerySet, When, Window
from django.db.models.functions import RowNumber

from liveparty.accounts.models import Guest
from liveparty.clock import iso
from liveparty.db import LocalHour, SumOver
from liveparty.mood.models import Mood, MoodReading

Period = Literal["day", "week", "month"]
# The guests named as the most active: a top ten reads at a glance.
MOST_ACTIVE = 10


def readings_at(event_ids: list[int]) -> QuerySet[MoodReading]:
    return MoodReading.objects.filter(guest__event_id__in=event_ids)


def by_hour(readings: QuerySet[MoodReading], zone: ZoneInfo) -> list[tuple[datetime, str, int]]:
    """(hour, mood, readings): the hour naive, on the viewer's wall clock."""
    rows = (
        readings.annotate(hour=LocalHour("created_at", zone))
        .values("hour", "mood")
        .annotate(n=Count("pk"))
        .values_list("hour", "mood", "n")
    )
    return [(hour.replace(tzinfo=None), mood, n) for hour, mood, n in rows]


def distribution(hours: list[tuple[datetime, str, int]]) -> dict[str, int]:
    counts = Counter()
    for _, mood, n in hours:
        counts[mood] += n
    return {mood: counts[mood] for mood in Mood.values}


def trends(hours: list[tuple[datetime, str, int]], period: Period, zone: ZoneInfo) -> dict:
    """Readings of each mood per day, week (from Monday) or month: only the periods
    with readings, in order (a gap of months between parties is not a row of zeros)."""
    by_day: Counter[tuple[date, str]] = Counter()
    for hour, mood, n in hours:
        by_day[(hour.date(), mood)] += n
    counts: Counter[tuple[date, str]] = Counter()
    for (day, mood), n in by_day.items():
        counts[(_period_start(day, period), mood)] += n
    starts = sorted({start for start, _ in counts})
    series = {mood: [counts[(start, mood)] for start in starts] for mood in Mood.values}
    return {
        "period": period,
        "starts": [iso(datetime.combine(start, time(), zone)) for start in starts],
        "series": series,
    }


def by_weekday_and_hour(hours: list[tuple[datetime, str, int]]) -> list[list[int]]:
    """Readings by weekday (Monday first) and hour: 7 rows of 24."""
    grid = [[0] * 24 for _ in range(7)]
    for hour, _, n in hours:
        grid[hour.weekday()][hour.hour] += n
    return grid


def camera_by_mood(readings: QuerySet[MoodReading]) -> dict[str, dict[str, int]]:
    """Of the selfie readings guests answered, per mood the camera read: how many they
    confirmed, and how many they corrected to another mood."""
    answered = readings.filter(source=MoodReading.Source.CAMERA, confirmed_at__isnull=False)
    found = {mood: {"agreed": 0, "corrected": 0} for mood in Mood.values}
    for camera, told, n in (
        answered.values("camera_mood", "mood").annotate(n=Count("pk")).values_list("camera_mood", "mood", "n")
    ):
        found[camera]["agreed" if told == camera else "corrected"] += n
    return found


@dataclass(frozen=True)
class Guests:
    most_active: list[dict]
    by_mood: dict[str, int]  # how many guests told each mood at least once


def guests(readings: QuerySet[MoodReading], n: int = MOST_ACTIVE) -> Guests:
    """The guests who told their mood most often, with the party they told it at, and how
    many guests told each mood: one pass over the readings counted by guest, where a
    window adds up the guests per mood over every guest while only the first `n` rows
    come back; then the names of those few."""
    per_mood = {mood: Count("pk", filter=Q(mood=mood)) for mood in Mood.values}
    told = {f"{mood}_guests": Window(SumOver(Case(When(**{f"{mood}__gt": 0}, then=1), default=0))) for mood in per_mood}
    top = list(
        readings.values("guest_id")
        .annotate(readings=Count("pk"), **per_mood)
        .annotate(rank=Window(RowNumber(), order_by=[F("readings").desc(), F("guest_id")]), **told)
        .filter(rank__lte=n)
        .order_by("rank")
    )
    names = Guest.objects.select_related("event").in_bulk([row["guest_id"] for row in top])
    most_active = [
        {
            "nickname": names[row["guest_id"]].nickname,
            "party": {"name": names[row["guest_id"]].event.name, "code": names[row["guest_id"]].event.code},
            "readings": row["readings"],
        }
        for row in top
    ]
    by_mood = {mood: top[0][f"{mood}_guests"] if top else 0 for mood in Mood.values}
    return Guests(most_active, by_mood)


def _period_start(day: date, period: Period) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day
