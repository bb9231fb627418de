"""The party recap: what the requests, the ratings and the moods of one party add up to.

High in the house beside `state/`: it reads each area's aggregates (song_requests,
mood) and lays them on one timeline. Every figure is an aggregate query, so the number
of queries is the same for a party of ten guests and one of five thousand.
"""

from datetime import datetime

from django.db.models import Count, OuterRef, Q
from django.utils import timezone

from liveparty.accounts.models import Guest
from liveparty.clock import iso
from liveparty.events.models import Event
from liveparty.mood import aggregates as moods
from liveparty.mood.models import Mood
from liveparty.recap.timeline import Timeline
from liveparty.song_requests import aggregates as song_requests

# The busiest moments named on the recap: the slices with the most requests.
BUSIEST = 3


def party_recap(event: Event) -> dict:
    """The whole recap of a party (live or ended: while it is live, its staff watch it grow)."""
    timeline = Timeline.spanning(event.started_at, event.ended_at or timezone.now())
    requests_over_time = _requests_over_time(event, timeline)
    readings = moods.readings_by_minute(event)
    return {
        "guests": _guests(event),
        "most_requested": song_requests.most_requested(event),
        "played": song_requests.played_in_order(event),
        "top_rated": song_requests.top_rated(event),
        "timeline": timeline.public,
        "requests_over_time": requests_over_time,
        "busiest": _busiest(timeline, requests_over_time),
        "mood": moods.mood_summary(event, readings),
        "mood_over_time": _mood_over_time(timeline, readings),
    }


def my_night(guest: Guest) -> dict:
    """One guest's night: what they asked for and what became of it, what they rated, how they felt."""
    return {
        "nickname": guest.nickname,
        "requests": song_requests.guest_requests(guest),
        "ratings": song_requests.guest_ratings(guest),
        "moods": moods.guest_moods(guest),
    }


def _guests(event: Event) -> dict:
    """Joined, and took part: asked for a song, rated one or told a mood (one query: a
    guest's first row in each is an index probe, not a scan of every ask)."""
    took_part = song_requests.asked_or_rated(OuterRef("pk")) | Q(moods.told_a_mood(OuterRef("pk")))
    return Guest.objects.filter(event=event).aggregate(joined=Count("pk"), took_part=Count("pk", filter=took_part))


def _requests_over_time(event: Event, timeline: Timeline) -> list[int]:
    counts = [0] * timeline.count
    for minute, n in song_requests.asks_by_minute(event).items():
        counts[timeline.slice_of(minute)] += n
    return counts


def _busiest(timeline: Timeline, counts: list[int]) -> list[dict]:
    ranked = sorted((index for index, n in enumerate(counts) if n), key=lambda index: (-counts[index], index))
    starts = timeline.starts()
    return [{"at": iso(starts[index]), "requests": counts[index]} for index in ranked[:BUSIEST]]


def _mood_over_time(timeline: Timeline, readings: dict[tuple[datetime, str, str], int]) -> dict[str, list[int]]:
    """Readings per mood per slice (every reading: a guest who changes their mind shows it)."""
    series = {mood: [0] * timeline.count for mood in Mood.values}
    for (minute, mood, _), n in readings.items():
        series[mood][timeline.slice_of(minute)] += n
    return series
