"""Presence: reports from the server processes, and their sum.

A process that dies stops reporting; its report goes stale after REPORT_TTL and
drops out of the sum, so a crashed server cannot inflate the count for long.
"""

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from liveparty.presence.models import PresenceReport

# Processes re-send their counts every HEARTBEAT (consumers/fanout.py); three missed
# heartbeats and a report no longer counts.
HEARTBEAT = timedelta(seconds=15)
REPORT_TTL = 3 * HEARTBEAT


def report(event_id: int, process: str, guests: int) -> None:
    if guests == 0:
        PresenceReport.objects.filter(event_id=event_id, process=process).delete()
        return
    PresenceReport.objects.update_or_create(
        event_id=event_id, process=process, defaults={"guests": guests, "reported_at": timezone.now()}
    )


def guests_online(event_id: int) -> int:
    fresh = PresenceReport.objects.filter(event_id=event_id, reported_at__gte=timezone.now() - REPORT_TTL)
    return fresh.aggregate(total=Sum("guests"))["total"] or 0


def report_and_count(event_id: int, process: str, guests: int) -> int:
    """Report this process's count and read the total, in one call from the event loop."""
    report(event_id, process, guests)
    return guests_online(event_id)
