"""The recap of a big party: 100,000 asks, 20,000 ratings and 50,000 mood readings across
5,000 guests (2,000 songs asked for, 300 played, over six hours); and the mood
statistics of its host, who held 200 parties over the past year (another 99,500 asks and
49,750 readings). The asks get their guests' moods as the migration that brought the
moods in gives them to existing asks (timed: the cost of that migration at this size).

Measures, on the real database: the recap service (`party_recap`), one guest's night
(`my_night`), `GET /api/events/{code}/recap` and the recap page `/e/{code}/recap/`
through Django's test client (the whole view and template, no network), then the host's
statistics (`mood_statistics`, `GET /api/stats/moods`), p50 and p99; the queries of one
recap and of the statistics, with the slowest's `EXPLAIN (ANALYZE, BUFFERS)`. After
the warm-up the collector is frozen as the page servers freeze theirs
(consumers/gc_policy.py); without that, a full collection walking every module loaded at
start-up lands on some calls (p99 about 100 ms higher here).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/recap_scale.py
    .venv/bin/python benchmarks/recap_scale.py        # SQLite in a temporary folder

The data goes to a scratch database created beside DATABASE_URL and dropped at the end.
"""

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scratch import percentile, scratch_django  # noqa: E402

if TYPE_CHECKING:  # Django is set up in main(), after the scratch database exists
    from django.http import HttpResponse

    from liveparty.accounts.models import Guest, User
    from liveparty.events.models import Event

GUESTS = 5_000
SONGS = 2_000
PLAYED = 300
ASKS = 100_000
RATINGS = 20_000
READINGS = 50_000
# The big party's host has held this many parties in the past year, each with a crowd
# that told its moods: the statistics page reads them all.
PARTIES = 200
PARTY_GUESTS = 50
PARTY_READINGS = 250
PARTY_SONGS = 40
PARTY_PLAYED = 10
PARTY_ASKS = 500
HOURS = 6
CALLS = 200
TARGET_MS = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=CALLS)
    args = parser.parse_args()
    with scratch_django():
        run(args.calls)


def run(calls: int) -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from liveparty.recap.services import my_night, party_recap
    from liveparty.recap.statistics import mood_statistics

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    event, guests = seed()
    readings = seed_history(event.host)
    attribute_moods()
    gc.collect()  # the seeding's objects are gone: a server does not hold 150,000 rows in memory
    print(
        f"Seeded in {time.perf_counter() - started:.0f} s on {connection.vendor}: the big party has {GUESTS:,} guests, "
        f"{SONGS:,} songs asked for, {PLAYED} played, {ASKS:,} asks, {RATINGS:,} ratings, {READINGS:,} mood readings; "
        f"its host has {PARTIES} parties in all, {ASKS + (PARTIES - 1) * PARTY_ASKS:,} asks, "
        f"{READINGS + readings:,} mood readings"
    )
    client = Client()
    client.force_login(event.host)
    zone = ZoneInfo("Europe/Berlin")
    targets = {
        "party_recap(event)": lambda: party_recap(event),
        "my_night(guest)": lambda: my_night(guests[int(time.perf_counter_ns()) % len(guests)]),
        "GET /api/events/{code}/recap": lambda: _ok(client.get(f"/api/events/{event.code}/recap")),
        "GET /e/{code}/recap/ (page)": lambda: _ok(client.get(f"/e/{event.code}/recap/")),
        "mood_statistics(host, week)": lambda: mood_statistics(event.host, "mine", "week", zone),
        "GET /api/stats/moods?period=day": lambda: _ok(client.get("/api/stats/moods?period=day&tz=Europe/Berlin")),
    }
    for call in targets.values():
        call()  # warm: the first call pays for imports and the template's compilation
    # As a long-running server does (consumers/gc_policy.py): what start-up left alive is
    # moved out of the collector's sight, so a full collection does not walk it each time.
    gc.collect()
    gc.freeze()
    print(f"\nTarget: under {TARGET_MS} ms; {calls} calls each.")
    print(f"{'what':34} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for name, call in targets.items():
        samples = []
        for _ in range(calls):
            started = time.perf_counter()
            call()
            samples.append((time.perf_counter() - started) * 1000)
        print(f"{name:34} {statistics.median(samples):8.1f} {percentile(samples, 0.99):8.1f} {max(samples):8.1f}")
    slowest_queries("One recap", lambda: party_recap(event))
    slowest_queries("The host's statistics", lambda: mood_statistics(event.host, "mine", "week", zone))


def slowest_queries(what: str, call: Callable[[], object]) -> None:
    """Each query of one call timed alone; the slowest three, and the slowest's plan."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    timed = []
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            started = time.perf_counter()
            cursor.execute(query["sql"])
            cursor.fetchall()
            timed.append(((time.perf_counter() - started) * 1000, query["sql"]))
    timed.sort(reverse=True)
    print(f"\n{what}: {len(timed)} queries, {sum(ms for ms, _ in timed):.1f} ms in the database; the slowest:")
    for ms, sql in timed[:3]:
        print(f"  {ms:6.1f} ms  {sql[:160]}{'…' if len(sql) > 160 else ''}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + timed[0][1])
            print("EXPLAIN (ANALYZE, BUFFERS) of the slowest:")
            for (line,) in cursor.fetchall():
                print(f"  {line}")


def _ok(response: "HttpResponse") -> None:
    assert response.status_code == 200, response.status_code


def seed() -> tuple["Event", list["Guest"]]:
    """One ended party, in bulk: asks lean towards popular songs (a Zipf-like draw), as at
    a real party; readings and asks spread over the night."""

    from liveparty.accounts.models import Guest, User
    from liveparty.catalog.models import Song
    from liveparty.events.models import DJMembership, Event
    from liveparty.mood.models import Mood, MoodReading
    from liveparty.song_requests.models import Ask, Rating, SongRequest, Status

    draw = np.random.default_rng(7)
    start = datetime(2026, 12, 5, 20, 0, tzinfo=UTC)
    night = timedelta(hours=HOURS)
    host = User.objects.create_user(username="host", password="benchmark password", display_name="Host")
    dj = User.objects.create_user(username="dj", password="benchmark password", display_name="DJ")
    event = Event.objects.create(
        code="BENCH2", name="A big night", host=host, status=Event.Status.ENDED, ended_at=start + night
    )
    Event.objects.filter(pk=event.pk).update(started_at=start)
    event.refresh_from_db()
    DJMembership.objects.create(event=event, dj=dj, role=DJMembership.Role.MAIN)
    guests = Guest.objects.bulk_create(
        Guest(event=event, nickname=f"Guest {i}", nickname_key=f"guest {i}", token_hash=f"{i:064x}")
        for i in range(GUESTS)
    )
    songs = Song.objects.bulk_create(
        Song(title=f"Song {i}", artist=f"Artist {i % 400}", album=f"Album {i % 700}", match_key=f"song {i}")
        for i in range(SONGS)
    )

    weights = 1 / np.arange(1, SONGS + 1) ** 0.8
    pairs = set()
    while len(pairs) < ASKS:
        songs_drawn = draw.choice(SONGS, size=ASKS, p=weights / weights.sum())
        guests_drawn = draw.integers(0, GUESTS, size=ASKS)
        pairs.update(zip(songs_drawn.tolist(), guests_drawn.tolist(), strict=True))
    pairs = sorted(pairs)[:ASKS]
    moments = [start + timedelta(seconds=float(s)) for s in draw.random(len(pairs)) * night.total_seconds()]
    withdrawn = draw.random(len(pairs)) < 0.05
    active = np.zeros(SONGS, np.int64)
    for (song, _), gone in zip(pairs, withdrawn, strict=True):
        active[song] += not gone
    played_songs = set(draw.choice(SONGS // 4, size=PLAYED, replace=False).tolist())
    played_at = sorted(start + timedelta(seconds=float(s)) for s in draw.random(PLAYED) * night.total_seconds())
    played_moment = dict(zip(sorted(played_songs), played_at, strict=True))
    requests = SongRequest.objects.bulk_create(
        SongRequest(
            event=event,
            song=songs[i],
            match_key=songs[i].match_key,
            status=Status.PLAYED if i in played_songs else Status.CANCELLED,
            ask_count=int(active[i]),
            requested_by=guests[0],
            played_at=played_moment.get(i),
        )
        for i in range(SONGS)
    )
    Ask.objects.bulk_create(
        (
            Ask(
                song_request=requests[song],
                guest=guests[guest],
                asked_at=moment,
                withdrawn_at=moment + timedelta(minutes=1) if gone else None,
            )
            for (song, guest), moment, gone in zip(pairs, moments, withdrawn, strict=True)
        ),
        batch_size=5_000,
    )
    rated = set()
    played_list = sorted(played_songs)
    while len(rated) < RATINGS:
        rated.add((played_list[int(draw.integers(PLAYED))], int(draw.integers(GUESTS))))
    Rating.objects.bulk_create(
        (
            Rating(song_request=requests[song], guest=guests[guest], score=int(draw.integers(1, 6)))
            for song, guest in rated
        ),
        batch_size=5_000,
    )
    moods = Mood.values
    readings = MoodReading.objects.bulk_create(
        (
            MoodReading(guest=guests[int(draw.integers(GUESTS))], mood=moods[int(draw.integers(len(moods)))])
            for _ in range(READINGS)
        ),
        batch_size=5_000,
    )
    offsets = draw.random(READINGS) * night.total_seconds()
    _set_created_at(readings, [start + timedelta(seconds=float(s)) for s in offsets])
    return event, guests[:: GUESTS // 100]


def seed_history(host: "User") -> int:
    """The host's other parties over the past year (up to now: the last 30 days hold a
    twelfth of them), each ended, with its guests' requests and the moods they told (taps
    and answered selfies) over its evening. Returns the readings made."""
    from liveparty.accounts.models import Guest
    from liveparty.catalog.models import Song
    from liveparty.events.models import Event
    from liveparty.mood.models import Mood, MoodReading
    from liveparty.song_requests.models import Ask, SongRequest, Status

    draw = np.random.default_rng(11)
    now = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    starts = [now - timedelta(days=float(days)) for days in draw.uniform(1, 365, PARTIES - 1)]
    parties = Event.objects.bulk_create(
        Event(
            code=f"P{i:05d}",
            name=f"Party {i}",
            host=host,
            status=Event.Status.ENDED,
            ended_at=start + timedelta(hours=5),
        )
        for i, start in enumerate(starts)
    )
    for party, start in zip(parties, starts, strict=True):
        Event.objects.filter(pk=party.pk).update(started_at=start)
    guests = Guest.objects.bulk_create(
        Guest(event=party, nickname=f"Guest {i}", nickname_key=f"guest {i}", token_hash=f"p{party.pk}-{i}")
        for party in parties
        for i in range(PARTY_GUESTS)
    )
    catalog = list(Song.objects.order_by("pk")[: SONGS // 4])
    requests, asks = [], []
    for i, (party, start) in enumerate(zip(parties, starts, strict=True)):
        picks = draw.choice(len(catalog), size=PARTY_SONGS, replace=False)
        played = set(picks[:PARTY_PLAYED].tolist())
        party_guests = guests[i * PARTY_GUESTS : (i + 1) * PARTY_GUESTS]
        pairs = draw.choice(PARTY_SONGS * PARTY_GUESTS, size=PARTY_ASKS, replace=False)
        counts = np.bincount(pairs // PARTY_GUESTS, minlength=PARTY_SONGS)
        party_requests = [
            SongRequest(
                event=party,
                song=catalog[pick],
                match_key=catalog[pick].match_key,
                status=Status.PLAYED if pick in played else Status.CANCELLED,
                ask_count=int(counts[index]),
                requested_by=party_guests[0],
                played_at=start + timedelta(seconds=float(draw.uniform(0, 5 * 3600))) if pick in played else None,
            )
            for index, pick in enumerate(picks.tolist())
        ]
        requests.extend(party_requests)
        asks.extend(
            (party_requests[pair // PARTY_GUESTS], party_guests[pair % PARTY_GUESTS], start) for pair in pairs.tolist()
        )
    SongRequest.objects.bulk_create(requests, batch_size=5_000)
    offsets = draw.uniform(0, 5 * 3600, len(asks))
    Ask.objects.bulk_create(
        (
            Ask(song_request=song_request, guest=guest, asked_at=evening + timedelta(seconds=float(offset)))
            for (song_request, guest, evening), offset in zip(asks, offsets, strict=True)
        ),
        batch_size=5_000,
    )

    moods = Mood.values
    rows = []
    for _ in range(len(parties) * PARTY_READINGS):
        guest = guests[int(draw.integers(len(guests)))]
        mood = moods[int(draw.integers(len(moods)))]
        camera = draw.random() < 0.2
        told = moods[int(draw.integers(len(moods)))] if camera and draw.random() < 0.3 else mood
        rows.append(
            MoodReading(
                guest=guest,
                mood=told,
                source="camera" if camera else "tap",
                camera_mood=mood if camera else "",
                confidence=0.8 if camera else 1.0,
                confirmed_at=now if camera else None,
            )
        )
    made = MoodReading.objects.bulk_create(rows, batch_size=5_000)
    start_of = {party.pk: start for party, start in zip(parties, starts, strict=True)}
    event_of = {guest.pk: guest.event_id for guest in guests}
    offsets = draw.random(len(made)) * 5 * 3600
    moments = [
        start_of[event_of[reading.guest_id]] + timedelta(seconds=float(s))
        for reading, s in zip(made, offsets, strict=True)
    ]
    _set_created_at(made, moments)
    return len(made)


def attribute_moods() -> None:
    """Each ask its guest's mood of the moment, by the migration that gave existing asks
    theirs (timed); each song played a crowd mood drawn at random (the seeded parties
    have no update log to find the crowd's published mood in)."""
    from importlib import import_module

    from django.apps import apps
    from django.db import connection

    from liveparty.mood.models import Mood
    from liveparty.song_requests.models import Ask, SongRequest

    migration = import_module("liveparty.song_requests.migrations.0004_moods_of_asks_and_plays")
    started = time.perf_counter()
    migration.attribute_moods(apps, None)
    told = Ask.objects.exclude(asker_mood="").count()
    took = time.perf_counter() - started
    print(f"The migration gave {Ask.objects.count():,} asks their moods ({told:,} told one) in {took:.1f} s")
    played = list(SongRequest.objects.filter(played_at__isnull=False).values_list("pk", flat=True))
    draw = np.random.default_rng(13)
    moods = draw.integers(0, len(Mood.values), len(played))
    for index, mood in enumerate(Mood.values):
        SongRequest.objects.filter(
            pk__in=[pk for pk, drawn in zip(played, moods, strict=True) if drawn == index]
        ).update(crowd_mood=mood)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _set_created_at(readings: list, moments: list[datetime]) -> None:
    from django.db import connection

    from liveparty.mood.models import MoodReading

    table = MoodReading._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} SET created_at = o.at FROM unnest(%s::bigint[], %s::timestamptz[]) AS o(id, at) "
                f"WHERE {table}.id = o.id",
                [[reading.pk for reading in readings], moments],
            )
            cursor.execute("ANALYZE")
        else:
            cursor.executemany(
                f"UPDATE {table} SET created_at = %s WHERE id = %s",
                [(moment, reading.pk) for reading, moment in zip(readings, moments, strict=True)],
            )


if __name__ == "__main__":
    main()
