"""What a party's requests, asks and ratings add up to, for the recap: each figure one
aggregate query (two with its songs), whatever the size of the party."""

from datetime import datetime

from django.db.models import Avg, Count, Exists, Min, OuterRef, Q, QuerySet, Sum

from liveparty.accounts.models import Guest
from liveparty.catalog.models import Song
from liveparty.clock import iso
from liveparty.db import MinuteOf
from liveparty.events.models import Event
from liveparty.song_requests.models import Ask, Rating, SongRequest, Status

# A top twenty reads at a glance; fewer songs are rated, so ten of those.
MOST_REQUESTED = 20
TOP_RATED = 10


def most_requested(event: Event, n: int = MOST_REQUESTED) -> list[dict]:
    """Songs by their active asks (a withdrawn ask is a guest who changed their mind),
    played or not; a tie goes to the song asked for first."""
    totals = list(
        SongRequest.objects.filter(event=event)
        .values("song_id")
        .annotate(
            total=Sum("ask_count"),
            plays=Count("pk", filter=Q(played_at__isnull=False)),
            first_asked=Min("created_at"),
        )
        .filter(total__gt=0)
        .order_by("-total", "first_asked", "song_id")[:n]
    )
    songs = Song.objects.in_bulk([row["song_id"] for row in totals])
    return [{"song": songs[row["song_id"]].public, "asks": row["total"], "played": row["plays"] > 0} for row in totals]


def played(event: Event) -> QuerySet[SongRequest]:
    """What played, first song first (history is newest first and bounded; this is all of it)."""
    return (
        SongRequest.objects.select_related("song", "requested_by", "picked_by")
        .filter(event=event, played_at__isnull=False)
        .order_by("played_at", "pk")
    )


def played_in_order(event: Event) -> list[dict]:
    """The night's playlist with who asked first for each song (or whose pick it was) and
    how many asked: the askers' names would be thousands at a big party."""
    return [
        {
            "song": song_request.song.public,
            "played_at": iso(song_request.played_at),
            "requested_by": song_request.requested_by.nickname if song_request.requested_by else None,
            "picked_by": song_request.picked_by.display_name if song_request.picked_by else None,
            "asks": song_request.ask_count,
        }
        for song_request in played(event)
    ]


def top_rated(event: Event, n: int = TOP_RATED) -> list[dict]:
    """Songs by their average score; more ratings win a tie (a 5 from ten guests beats a
    5 from one)."""
    rows = list(
        Rating.objects.filter(song_request__event=event)
        .values("song_request__song_id")
        .annotate(average=Avg("score"), ratings=Count("pk"))
        .order_by("-average", "-ratings", "song_request__song_id")[:n]
    )
    songs = Song.objects.in_bulk([row["song_request__song_id"] for row in rows])
    return [
        {
            "song": songs[row["song_request__song_id"]].public,
            "average": round(row["average"], 2),
            "ratings": row["ratings"],
        }
        for row in rows
    ]


def asks_by_minute(event: Event) -> dict[datetime, int]:
    """Every ask made (withdrawn ones too: they were requests when made), by the minute it was made in."""
    rows = (
        Ask.objects.filter(song_request__event=event)
        .annotate(minute=MinuteOf("asked_at"))
        .values("minute")
        .annotate(n=Count("pk"))
        .values_list("minute", "n")
    )
    return dict(rows)


def asked_or_rated(guest: OuterRef) -> Q:
    return Q(Exists(Ask.objects.filter(guest=guest))) | Q(Exists(Rating.objects.filter(guest=guest)))


# What became of a guest's request, in the guest's words (the recap's "my night").
OUTCOMES = {
    Status.PLAYED: "played",
    Status.PLAYING: "played",
    Status.DENIED: "not tonight (the DJ passed)",
    Status.CANCELLED: "not played: the party ended",
    Status.PENDING: "waiting",
    Status.QUEUED: "in the queue",
}


def guest_requests(guest: Guest) -> list[dict]:
    """A guest's asks, first first, and what became of each request."""
    asks = Ask.objects.filter(guest=guest).select_related("song_request__song").order_by("asked_at", "pk")
    return [
        {
            "song": ask.song_request.song.public,
            "asked_at": iso(ask.asked_at),
            "status": "withdrawn" if ask.withdrawn_at is not None else ask.song_request.status,
            "outcome": "withdrawn" if ask.withdrawn_at is not None else OUTCOMES[ask.song_request.status],
        }
        for ask in asks
    ]


def guest_ratings(guest: Guest) -> list[dict]:
    ratings = Rating.objects.filter(guest=guest).select_related("song_request__song").order_by("rated_at", "pk")
    return [{"song": rating.song_request.song.public, "score": rating.score} for rating in ratings]
