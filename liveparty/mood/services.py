"""Mood actions: a guest taps how they feel, and the crowd's mood follows."""

from django.db import transaction

from liveparty.accounts.models import Guest
from liveparty.errors import Invalid
from liveparty.events.services import lock_live_event
from liveparty.mood.crowd import publish_if_changed
from liveparty.mood.models import Mood, MoodReading


def tell_mood(guest: Guest, mood: str) -> MoodReading:
    """Record a tapped mood (the crowd's mood is built from these readings)."""
    if mood not in Mood.values:
        raise Invalid(f"A mood is one of: {', '.join(Mood.values)}.")
    with transaction.atomic():
        lock_live_event(guest.event_id)
        reading = MoodReading.objects.create(guest=guest, mood=mood)
        publish_if_changed(guest.event_id)
        return reading
