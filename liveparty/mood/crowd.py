"""The crowd's mood: a time-decayed, confidence-weighted distribution over the moods.

Every reading of the event counts with its confidence (a tap is sure of itself: 1.0),
halved every HALF_LIFE, so the mood follows the room rather than the whole night. Each
guest counts through their latest reading only: one guest tapping ten times is one
voice; a guest the DJs muted or banned has none. The published mood
(`crowd_mood.changed`) moves with hysteresis: only when the leading mood changes by a
clear margin or a share moves by SHIFT, not on every tap.
"""

from datetime import datetime, timedelta

from django.db.models import Max
from django.utils import timezone

from liveparty.accounts.models import Guest
from liveparty.clock import iso
from liveparty.mood.models import Mood, MoodReading
from liveparty.updates.models import Kind, Update
from liveparty.updates.services import record

HALF_LIFE = timedelta(minutes=10)
# Readings older than this weigh under 1/16 of a fresh one: left out.
HORIZON = 4 * HALF_LIFE
# A new leading mood must lead the old one by this much of the crowd to be published...
LEAD_MARGIN = 0.10
# ...or any mood's share must have moved by this much since the last publication.
SHIFT = 0.15


def crowd_mood(event_id: int, now: datetime | None = None) -> dict | None:
    """The distribution now (None before anybody told their mood)."""
    now = now or timezone.now()
    latest = (
        MoodReading.objects.filter(
            guest__event_id=event_id, guest__standing=Guest.Standing.WELCOME, created_at__gte=now - HORIZON
        )
        .values("guest_id")
        .annotate(last=Max("pk"))
        .values_list("last", flat=True)
    )
    readings = MoodReading.objects.filter(pk__in=list(latest)).values_list("mood", "confidence", "created_at")
    weights = dict.fromkeys(Mood.values, 0.0)
    for mood, confidence, at in readings:
        weights[mood] += confidence * 0.5 ** ((now - at) / HALF_LIFE)
    total = sum(weights.values())
    if total <= 0:
        return None
    distribution = {mood: round(weight / total, 4) for mood, weight in weights.items()}
    leading = max(distribution, key=lambda mood: (distribution[mood], -Mood.values.index(mood)))
    return {
        "mood": leading,
        "distribution": distribution,
        "readings": len(readings),
        "at": iso(now),
    }


def published_mood(event_id: int) -> dict | None:
    """The crowd mood as last published in the update log (what every page shows)."""
    update = Update.objects.filter(event_id=event_id, kind=Kind.CROWD_MOOD_CHANGED).order_by("-seq").first()
    return update.data if update is not None else None


def changed_materially(old: dict | None, new: dict | None) -> bool:
    if new is None:
        return False
    if old is None:
        return True
    before, after = old["distribution"], new["distribution"]
    if new["mood"] != old["mood"] and after[new["mood"]] - after.get(old["mood"], 0.0) >= LEAD_MARGIN:
        return True
    return any(abs(after[mood] - before.get(mood, 0.0)) >= SHIFT for mood in after)


def publish_if_changed(event_id: int) -> dict | None:
    """Record `crowd_mood.changed` when the mood moved materially; inside the caller's
    transaction (which holds the event's lock, so two readings cannot both publish)."""
    new = crowd_mood(event_id)
    if not changed_materially(published_mood(event_id), new):
        return None
    record(event_id, Kind.CROWD_MOOD_CHANGED, new)
    return new


def publish_after_standing_change(event_id: int, guest_id: int) -> dict | None:
    """After a guest is muted, banned or welcomed back: when they told a mood lately,
    their voice leaves (or rejoins) the published mood now, not with the next material
    move, which may never come.
    Nothing is recorded when nobody else told one: a page keeps the last mood it was
    told, as there is no "no mood" to publish once there was one."""
    if not MoodReading.objects.filter(guest_id=guest_id, created_at__gte=timezone.now() - HORIZON).exists():
        return None
    new = crowd_mood(event_id)
    if new is None:
        return None
    record(event_id, Kind.CROWD_MOOD_CHANGED, new)
    return new
