"""A guest tells their mood (a tap, or a selfie the mood engine reads): the reading is
stored, the crowd's mood is published when it moved, and a published mood is part of
what the recommender stands on (liveparty/recommend/standing.py)."""

from django.db import transaction

from liveparty.accounts.models import Guest
from liveparty.mood import services as mood
from liveparty.mood.crowd import publish_if_changed
from liveparty.mood.engine import detect
from liveparty.mood.models import MoodReading
from liveparty.recommend.services import suggestions_changed


def tell_mood(guest: Guest, feeling: str, reading_id: int | None = None) -> MoodReading:
    """A tapped mood; with `reading_id`, the guest's word on a camera reading."""
    with transaction.atomic():
        reading = mood.tell_mood(guest, feeling, reading_id)
        _publish_crowd_mood(guest.event_id)
    return reading


def read_selfie(guest: Guest, image_bytes: bytes, content_type: str, *, keep: bool = False) -> MoodReading:
    """The engine reads the photo before any transaction opens (it may take a while, and
    callers are off the event loop); then the reading is stored like a tap."""
    found = detect(image_bytes)
    with transaction.atomic():
        reading = mood.record_selfie(guest, found, image_bytes, content_type, keep=keep)
        _publish_crowd_mood(guest.event_id)
    return reading


def _publish_crowd_mood(event_id: int) -> None:
    if publish_if_changed(event_id) is not None:
        suggestions_changed(event_id, standing=True)
