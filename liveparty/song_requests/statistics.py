"""Songs by mood across many parties (an account's, or the whole site's): what played in
each mood of the crowd, what guests asked for in each of theirs, and what they are asking
for now. Each ask keeps its guest's mood of the moment and each song that played the
crowd's (liveparty/actions/stack.py), so the asks are counted once, by mood and song, and
the database ranks the songs within each mood: a few rows come back for any number of
asks. Withdrawn asks are left out: a guest who changed their mind."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import RowNumber

from liveparty.catalog.models import Song
from liveparty.clock import iso
from liveparty.db import LocalHour, SumOver
from liveparty.mood.models import Mood
from liveparty.song_requests.models import Ask, SongRequest

# A top ten per mood reads at a glance; five rising songs per mood, each with its days.
TOP_SONGS = 10
TRENDING_SONGS = 5
TRENDING_DAYS = 30


def songs_by_mood(event_ids: list[int], guests_by_mood: dict[str, int], now: datetime, zone: ZoneInfo) -> dict:
    """`guests_by_mood` is the mood area's count of the guests who told each mood at these
    parties; the last `TRENDING_DAYS` days are the viewer's (`zone`), today included."""
    today = now.astimezone(zone).date()
    calendar = [today - timedelta(days=TRENDING_DAYS - 1 - i) for i in range(TRENDING_DAYS)]
    since = datetime.combine(calendar[0], time(), zone)
    rows = list(_ranked(event_ids, since))
    songs = Song.objects.in_bulk({row["song_request__song_id"] for row in rows})
    trending = [row for row in rows if row["recent_rank"] <= TRENDING_SONGS and row["recent"]]
    by_day = _asks_by_day(event_ids, since, {row["song_request__song_id"] for row in trending}, zone)

    asks = {row["asker_mood"]: row["mood_asks"] for row in rows}
    top = {mood: [] for mood in Mood.values}
    for row in sorted(rows, key=lambda row: row["rank"]):
        if row["rank"] <= TOP_SONGS:
            top[row["asker_mood"]].append({"song": songs[row["song_request__song_id"]].public, "asks": row["asks"]})
    rising = {mood: [] for mood in Mood.values}
    for row in sorted(trending, key=lambda row: row["recent_rank"]):
        mood, song_id = row["asker_mood"], row["song_request__song_id"]
        daily = by_day[(mood, song_id)]
        rising[mood].append(
            {"song": songs[song_id].public, "asks": row["recent"], "by_day": [daily[day] for day in calendar]}
        )
    return {
        "played": played_by_crowd_mood(event_ids),
        "requested": {mood: _per_guest(asks.get(mood, 0), guests_by_mood.get(mood, 0)) for mood in Mood.values},
        "top": top,
        "trending": {"days": [day.isoformat() for day in calendar], "since": iso(since), "moods": rising},
    }


def played_by_crowd_mood(event_ids: list[int]) -> dict[str, int]:
    """Songs played while the crowd felt each mood (the mood every page showed as the
    song started); songs played before anybody told a mood are in no column."""
    rows = (
        SongRequest.objects.filter(event_id__in=event_ids, played_at__isnull=False)
        .exclude(crowd_mood="")
        .values("crowd_mood")
        .annotate(n=Count("pk"))
        .values_list("crowd_mood", "n")
    )
    counts = dict(rows)
    return {mood: counts.get(mood, 0) for mood in Mood.values}


def _per_guest(asks: int, guests: int) -> dict:
    """Songs asked for while feeling a mood, per guest who told it: how much a happy crowd
    asks for, against a tense one."""
    return {"asks": asks, "guests": guests, "per_guest": round(asks / guests, 2) if guests else None}


def _asks(event_ids: list[int]) -> QuerySet[Ask]:
    return Ask.objects.filter(song_request__event_id__in=event_ids, withdrawn_at__isnull=True).exclude(asker_mood="")


def _ranked(event_ids: list[int], since: datetime) -> QuerySet:
    """The asks counted by mood and song, all of them and those since `since`, each song
    ranked within its mood both ways (a tie to the song the catalog lists first), with its
    mood's total: only the songs in a top ten or a trending five come back."""
    return (
        _asks(event_ids)
        .values("asker_mood", "song_request__song_id")
        .annotate(asks=Count("pk"), recent=Count("pk", filter=Q(asked_at__gte=since)))
        .annotate(
            rank=Window(
                RowNumber(), partition_by=F("asker_mood"), order_by=[F("asks").desc(), F("song_request__song_id")]
            ),
            recent_rank=Window(
                RowNumber(), partition_by=F("asker_mood"), order_by=[F("recent").desc(), F("song_request__song_id")]
            ),
            mood_asks=Window(SumOver(F("asks")), partition_by=F("asker_mood")),
        )
        .filter(Q(rank__lte=TOP_SONGS) | Q(recent_rank__lte=TRENDING_SONGS))
    )


def _asks_by_day(
    event_ids: list[int], since: datetime, song_ids: set[int], zone: ZoneInfo
) -> dict[tuple[str, int], dict[date, int]]:
    """The asks for these songs since `since`, by mood, song and the viewer's day: counted
    by the hour in the database (the time zone work is done there, as for the readings),
    folded into days here."""
    rows = (
        _asks(event_ids)
        .filter(asked_at__gte=since, song_request__song_id__in=song_ids)
        .annotate(hour=LocalHour("asked_at", zone))
        .values("asker_mood", "song_request__song_id", "hour")
        .annotate(n=Count("pk"))
        .values_list("asker_mood", "song_request__song_id", "hour", "n")
    )
    found: dict[tuple[str, int], dict[date, int]] = defaultdict(lambda: defaultdict(int))
    for mood, song_id, hour, count in rows:
        found[(mood, song_id)][hour.date()] += count
    return found
