"""Mood statistics for an account (the parties it hosted or DJed) or, for the site's
staff, every party: the mood area's figures over the parties in scope."""

from typing import Literal
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet

from liveparty import access
from liveparty.accounts.models import User
from liveparty.events.models import Event
from liveparty.mood import statistics as moods

Scope = Literal["mine", "site"]


def parties_in(user: User, scope: Scope) -> QuerySet[Event]:
    if scope == "site":
        access.require_site_staff(user, "the whole site's statistics")
        return Event.objects.all()
    return Event.objects.filter(Q(host=user) | Q(djs__dj=user)).distinct()


def mood_statistics(user: User, scope: Scope, period: moods.Period, zone: ZoneInfo) -> dict:
    parties = parties_in(user, scope)
    readings = moods.readings_at(parties.values("pk"))
    distribution = moods.distribution(readings)
    return {
        "scope": scope,
        "parties": parties.count(),
        "readings": sum(distribution.values()),
        "distribution": distribution,
        "trends": moods.trends(readings, period, zone),
        "by_weekday_and_hour": moods.by_weekday_and_hour(readings, zone),
        "camera": moods.camera_by_mood(readings),
        "most_active": moods.most_active(readings),
    }
