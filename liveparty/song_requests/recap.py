"""After the party: the most requested songs (the API adds the mood engine's summary)."""

from django.db.models import Count, Q, Sum

from liveparty.catalog.models import Song
from liveparty.errors import Conflict
from liveparty.events.models import Event
from liveparty.song_requests.models import SongRequest

# The recap's chart: a top twenty reads at a glance.
RECAP_SONGS = 20


def recap(event: Event) -> dict:
    if event.is_live:
        raise Conflict("The recap is ready once the event has ended.", code="event_live")
    totals = list(
        SongRequest.objects.filter(event=event)
        .values("song_id")
        .annotate(total=Sum("ask_count"), plays=Count("pk", filter=Q(played_at__isnull=False)))
        .filter(total__gt=0)
        .order_by("-total", "song_id")[:RECAP_SONGS]
    )
    songs = Song.objects.in_bulk([row["song_id"] for row in totals])
    return {
        "most_requested": [
            {"song": songs[row["song_id"]].public, "asks": row["total"], "played": row["plays"] > 0} for row in totals
        ],
    }
