"""The recommender at scale: a SYNTHETIC catalog of 500,000 tracks and 1,000,000 playlists.

Measures the similarity model's build (time, peak traced memory, process peak RSS) and
`suggest(event, 10)` end to end against a real database holding the 500,000 songs:
reading the party, running the registry's algorithms, filtering, describing. Uncached
(the cache invalidated before each call, as after every change) and cached.

    .venv/bin/python benchmarks/recommender_scale.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/recommender_scale.py

With DATABASE_URL the songs go to a scratch database created beside the given one and
dropped at the end; without it, to a SQLite file in a temporary folder.
"""

import argparse
import contextlib
import gc
import random
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scratch import percentile, scratch_django  # noqa: E402
from liveparty.recommend.synthetic import SyntheticPlaylists, generate  # noqa: E402

EVENTS = 20
GUESTS_PER_EVENT = 30
CALLS = 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tracks", type=int, default=500_000)
    parser.add_argument("--playlists", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=CALLS)
    args = parser.parse_args()
    with scratch_django() as folder:
        run(args, folder)


def run(args: argparse.Namespace, folder: Path) -> None:
    from django.core.management import call_command

    from liveparty.recommend.similarity import Sessions, build

    print(f"SYNTHETIC catalog: {args.tracks:,} tracks, {args.playlists:,} playlists (liveparty/recommend/synthetic.py)")
    started = time.perf_counter()
    made = generate(args.tracks, args.playlists)
    print(f"  generated {len(made.members):,} playlist entries in {time.perf_counter() - started:.1f} s")

    call_command("migrate", verbosity=0)
    song_ids = insert_songs(made)
    sessions = Sessions(
        songs=song_ids[made.members],
        sessions=np.repeat(np.arange(made.playlists), np.diff(made.indptr)),
        weights=np.ones(made.playlists, np.float32),
        kinds=np.zeros(made.playlists, np.int8),
        playlist_sessions=made.playlists,
    )
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    started = time.perf_counter()
    model = build(song_ids, made.popularity, made.genres(), sessions)
    build_seconds = time.perf_counter() - started
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"Model build: {build_seconds:.1f} s, peak traced memory {traced_peak / 2**20:,.0f} MiB, "
        f"process peak RSS {rss_after / 1024:,.0f} MiB (before the build: {rss_before / 1024:,.0f} MiB); "
        f"{model.stats['pairs']:,} neighbour pairs"
    )
    from django.conf import settings

    started = time.perf_counter()
    model.save(Path(settings.RECOMMENDER_MODEL))
    size = Path(settings.RECOMMENDER_MODEL).stat().st_size
    print(f"  model file {size / 2**20:,.0f} MiB, written in {time.perf_counter() - started:.1f} s")
    del model, sessions

    events = parties(made, song_ids)
    settle_statistics()
    measure(events, args.calls)


def insert_songs(made: SyntheticPlaylists) -> np.ndarray:
    from liveparty.catalog.models import Playlist, PlaylistTrack, Song

    started = time.perf_counter()
    genres = made.genres()
    batch = 10_000
    for start in range(0, made.tracks, batch):
        Song.objects.bulk_create(
            Song(title=f"Track {i}", artist=f"Artist {i % 50_000}", genre=genres[i], popularity=int(made.popularity[i]))
            for i in range(start, min(made.tracks, start + batch))
        )
    ids = np.array(list(Song.objects.order_by("pk").values_list("pk", flat=True)), dtype=np.int64)
    for number in range(200):  # playlists the DJs can put in a crate
        playlist = Playlist.objects.create(name=f"Synthetic {number}", source="chinook", source_id=str(number))
        PlaylistTrack.objects.bulk_create(
            PlaylistTrack(playlist=playlist, song_id=int(ids[track]), position=position)
            for position, track in enumerate(made.playlist(number), start=1)
        )
    print(f"  {made.tracks:,} songs and 200 playlists into the database in {time.perf_counter() - started:.1f} s")
    return ids


def parties(made: SyntheticPlaylists, song_ids: np.ndarray) -> list:
    """EVENTS parties mid-evening: a song playing, five played, ten on the stack with asks,
    ratings (a low one at every third), moods; every fourth with a crate of 3 playlists."""
    from liveparty import actions
    from liveparty.accounts.models import User
    from liveparty.actions import join_event, start_event, tell_mood
    from liveparty.catalog.models import Playlist
    from liveparty.errors import RateLimited

    draw = random.Random(7)
    events = []
    started = time.perf_counter()
    playlists = list(Playlist.objects.order_by("pk")[:200])
    for number in range(EVENTS):
        host = User.objects.create_user(username=f"host{number}", password="x")
        dj = User.objects.create_user(username=f"dj{number}", password="x")
        event = start_event(host, f"Party {number}", dj.username)
        guests = [join_event(event, f"Guest {n}")[0] for n in range(GUESTS_PER_EVENT)]
        scene_playlist = made.playlist(draw.randrange(made.playlists))
        if number % 4 == 0:
            picked = draw.sample(playlists, 3)
            for playlist in picked:
                actions.pick(event, dj, playlist_id=playlist.pk)
            pool = [pt.song_id for playlist in picked for pt in playlist.tracks.all()]
        else:
            pool = [int(song_ids[track]) for track in scene_playlist] + [
                int(song_ids[draw.randrange(made.tracks)]) for _ in range(40)
            ]
        pool = list(dict.fromkeys(pool))
        draw.shuffle(pool)
        for song_id in pool[:6]:
            song_request = actions.request_song(draw.choice(guests), song_id)
            actions.play(event, dj, song_request.pk)
        for guest in guests[:8]:
            actions.rate(guest, 1 if number % 3 == 0 else draw.randint(3, 5))
        for song_id in pool[6:16]:
            song_request = actions.request_song(draw.choice(guests), song_id)
            for guest in draw.sample(guests, draw.randint(0, 4)):
                with contextlib.suppress(RateLimited):  # a guest at their limit: as at a real party
                    actions.ask(guest, song_request.pk)
        for guest in guests[:10]:
            tell_mood(guest, draw.choice(["happy", "energetic", "chill"]))
        events.append(event)
    print(f"  {EVENTS} parties set up in {time.perf_counter() - started:.1f} s")
    return events


def settle_statistics() -> None:
    """Planner statistics after the bulk load, as a deployment has them (and no
    autovacuum of the fresh rows competing with the measurement)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def measure(events: list, calls: int) -> None:
    from liveparty.recommend import compute, store
    from liveparty.recommend.services import suggest

    started = time.perf_counter()
    store.current_model()
    print(f"Model load: {time.perf_counter() - started:.1f} s")
    for event in events:  # warm: first queries, imports
        suggest(event)
    # As a long-running server does (consumers/gc_policy.py): the set-up's objects are
    # moved out of the collector's sight, so a full collection does not walk them.
    gc.collect()
    gc.freeze()
    uncached, cached = [], []
    for call in range(calls):
        event = events[call % len(events)]
        compute.invalidate(event.pk)
        started = time.perf_counter()
        items = suggest(event, 10)
        uncached.append(time.perf_counter() - started)
        started = time.perf_counter()
        assert suggest(event, 10) == items
        cached.append(time.perf_counter() - started)
    for label, samples in (("uncached", uncached), ("cached", cached)):
        print(
            f"suggest(event, 10) {label}: p50 {statistics.median(samples) * 1000:.2f} ms, "
            f"p99 {percentile(samples, 0.99) * 1000:.2f} ms, max {max(samples) * 1000:.2f} ms over {calls} calls"
        )


if __name__ == "__main__":
    main()
