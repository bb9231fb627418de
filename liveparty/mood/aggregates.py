"""What a party's mood readings add up to, for the recap: aggregate queries whose count
does not grow with the number of readings."""

from collections import Counter
from datetime import datetime

from django.db.models import Count, Exists, F, OuterRef, Q

from liveparty.accounts.models import Guest
from liveparty.clock import iso
from liveparty.db import MinuteOf
from liveparty.events.models import Event
from liveparty.mood.models import Mood, MoodReading


def agreement(event: Event) -> dict:
    """Manual versus camera: of the camera readings guests answered, how many they
    confirmed as read."""
    answered = Q(source=MoodReading.Source.CAMERA, confirmed_at__isnull=False)
    counts = MoodReading.objects.filter(guest__event=event).aggregate(
        answered=Count("pk", filter=answered), agreed=Count("pk", filter=answered & Q(mood=F("camera_mood")))
    )
    total, agreed = counts["answered"], counts["agreed"]
    return {"answered": total, "agreed": agreed, "share": round(agreed / total, 4) if total else None}


def readings_by_minute(event: Event) -> dict[tuple[datetime, str, str], int]:
    """How many readings of each mood, told each way, in each minute."""
    rows = (
        MoodReading.objects.filter(guest__event=event)
        .annotate(minute=MinuteOf("created_at"))
        .values("minute", "mood", "source")
        .annotate(n=Count("pk"))
        .values_list("minute", "mood", "source", "n")
    )
    return {(minute, mood, source): n for minute, mood, source, n in rows}


def mood_summary(event: Event, by_minute: dict[tuple[datetime, str, str], int]) -> dict | None:
    """The party's mood from its readings (`readings_by_minute`): every reading's mood, how
    they were told, and how often guests agreed with the camera. None when nobody told one."""
    total = sum(by_minute.values())
    if not total:
        return None
    moods, sources = Counter(), Counter()
    for (_, mood, source), n in by_minute.items():
        moods[mood] += n
        sources[source] += n
    return {
        "readings": total,
        "distribution": {mood: round(moods[mood] / total, 4) for mood in Mood.values},
        "sources": {source: sources[source] for source in MoodReading.Source.values},
        "camera_agreement": agreement(event),
    }


def told_a_mood(guest: OuterRef) -> Exists:
    return Exists(MoodReading.objects.filter(guest=guest))


def guest_moods(guest: Guest) -> list[dict]:
    """A guest's readings, first first; a selfie's with what the camera read and whether
    the guest answered it (confirmed or corrected)."""
    readings = MoodReading.objects.filter(guest=guest).order_by("created_at", "pk")
    return [
        {
            "mood": reading.mood,
            "source": reading.source,
            "camera_mood": reading.camera_mood or None,
            "confirmed": reading.confirmed_at is not None,
            "at": iso(reading.created_at),
        }
        for reading in readings
    ]
