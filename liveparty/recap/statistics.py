"""Mood statistics for an account (the parties it hosted or DJed) or, for the site's
staff, every party: the mood area's figures over the parties in scope, and the request
stack's songs by mood."""

from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.utils import timezone

from liveparty import access
from liveparty.accounts.models import User
from liveparty.events.models import Event
from liveparty.mood import statistics as moods
from liveparty.song_requests import statistics as songs

Scope = Literal["mine", "site"]


def parties_in(user: User, scope: Scope) -> QuerySet[Event]:
    if scope == "site":
        access.require_site_staff(user, "the whole site's statistics")
        return Event.objects.all()
    return Event.objects.filter(Q(host=user) | Q(djs__dj=user)).distinct()


def mood_statistics(
    user: User, scope: Scope, period: moods.Period, zone: ZoneInfo, now: datetime | None = None
) -> dict:
    # The parties' ids as a list: the readings' query then filters their guests by a
    # constant list instead of joining the parties again (a third of its time).
    parties = list(parties_in(user, scope).values_list("pk", flat=True))
    readings = moods.readings_at(parties)
    hours = moods.by_hour(readings, zone)
    distribution = moods.distribution(hours)
    guests = moods.guests(readings)
    return {
        "scope": scope,
        "parties": len(parties),
        "readings": sum(distribution.values()),
        "distribution": distribution,
        "trends": moods.trends(hours, period, zone),
        "by_weekday_and_hour": moods.by_weekday_and_hour(hours),
        "camera": moods.camera_by_mood(readings),
        "most_active": guests.most_active,
        "songs": songs.songs_by_mood(parties, guests.by_mood, now or timezone.now(), zone),
    }
