"""What a party's mood readings add up to, for the recap: aggregate queries whose count
does not grow with the number of readings."""

from datetime import datetime

from django.db.models import Count, F
from django.db.models.functions import TruncMinute

from liveparty.accounts.models import Guest
from liveparty.clock import iso
from liveparty.events.models import Event
from liveparty.mood.models import Mood, MoodReading


def agreement(event: Event) -> dict:
    """Manual versus camera: of the camera readings guests answered, how many they
    confirmed as read."""
    answered = MoodReading.objects.filter(
        guest__event=event, source=MoodReading.Source.CAMERA, confirmed_at__isnull=False
    )
    total = answered.count()
    agreed = answered.filter(mood=F("camera_mood")).count()
    return {"answered": total, "agreed": agreed, "share": round(agreed / total, 4) if total else None}


def mood_summary(event: Event) -> dict | None:
    """The party's mood: every reading's mood, how they were told, and how often guests
    agreed with the camera. None when nobody told a mood."""
    readings = MoodReading.objects.filter(guest__event=event)
    counts = dict(readings.values_list("mood").annotate(n=Count("pk")))
    total = sum(counts.values())
    if not total:
        return None
    sources = dict(readings.values_list("source").annotate(n=Count("pk")))
    return {
        "readings": total,
        "distribution": {mood: round(counts.get(mood, 0) / total, 4) for mood in Mood.values},
        "sources": {source: sources.get(source, 0) for source in MoodReading.Source.values},
        "camera_agreement": agreement(event),
    }


def readings_by_minute(event: Event) -> dict[tuple[datetime, str], int]:
    rows = (
        MoodReading.objects.filter(guest__event=event)
        .annotate(minute=TruncMinute("created_at"))
        .values("minute", "mood")
        .annotate(n=Count("pk"))
        .values_list("minute", "mood", "n")
    )
    return {(minute, mood): n for minute, mood, n in rows}


def guests_telling(event: Event) -> set[int]:
    return set(MoodReading.objects.filter(guest__event=event).values_list("guest_id", flat=True).distinct())


def guest_moods(guest: Guest) -> list[dict]:
    readings = MoodReading.objects.filter(guest=guest).order_by("created_at", "pk")
    return [{"mood": reading.mood, "source": reading.source, "at": iso(reading.created_at)} for reading in readings]
