"""Guest search latency: the bundled Chinook catalog and a generated catalog of 200,000 songs.

Measures the search index itself (liveparty/catalog/search.py), as every song-list call
uses it: build time, memory, and p50/p99 per query over typical guest queries (whole
words, a word being typed, typos). The generated catalog is synthetic: titles and
artists drawn from Chinook's own words.

    .venv/bin/python benchmarks/search_latency.py            (after `make catalog`)
"""

import json
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from liveparty.catalog.matching import song_key  # noqa: E402
from liveparty.catalog.search import SearchIndex, fold  # noqa: E402

CHINOOK = ROOT / "var" / "catalog" / "chinook.json"
GENERATED_SONGS = 200_000
QUERIES_PER_KIND = 200


def chinook_rows() -> list[tuple[int, str, str, str, int]]:
    rows = {}
    for record in json.loads(CHINOOK.read_text()):
        rows.setdefault(record["model"], {})[record["pk"]] = record["fields"]
    albums, artists = rows["chinook.album"], rows["chinook.artist"]
    return [
        (pk, t["name"], artist, albums[t["album"]]["title"], pk % 50, song_key(t["name"], artist))
        for pk, t in rows["chinook.track"].items()
        for artist in [artists[albums[t["album"]]["artist"]]["name"] or ""]
    ]


def generated_rows(seed_rows: list, count: int) -> list[tuple[int, str, str, str, int]]:
    pick = random.Random(7)
    words = sorted(
        {w for _, title, artist, _, _, _ in seed_rows for w in fold(f"{title} {artist}").split() if len(w) > 2}
    )
    artists = [" ".join(pick.choice(words).title() for _ in range(pick.randint(1, 3))) for _ in range(20_000)]
    songs = [
        (
            i,
            " ".join(pick.choice(words) for _ in range(pick.randint(1, 5))).title(),
            pick.choice(artists),
            " ".join(pick.choice(words) for _ in range(pick.randint(1, 3))).title(),
            int(pick.paretovariate(1.2)),
        )
        for i in range(count)
    ]
    return [(*song, song_key(song[1], song[2])) for song in songs]


def queries(rows: list) -> dict[str, list[str]]:
    pick = random.Random(11)
    sample = [fold(title).split() for _, title, _, _, _, _ in pick.sample(rows, QUERIES_PER_KIND)]
    sample = [words for words in sample if words]

    def typo(word: str) -> str:
        if len(word) < 5:
            return word
        i = pick.randrange(1, len(word) - 1)
        return word[:i] + word[i + 1 :]  # a letter missed

    return {
        "whole words": [" ".join(words[:2]) for words in sample],
        "typing (prefix)": [
            " ".join([*words[:-1], words[-1][:3]]) if len(words[-1]) > 3 else words[0] for words in sample
        ],
        "typo": [" ".join(typo(w) for w in words[:2]) for words in sample],
    }


def measure(name: str, rows: list) -> None:
    tracemalloc.start()
    started = time.perf_counter()
    index = SearchIndex(rows)
    built = time.perf_counter() - started
    memory = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    print(f"{name}: {len(rows)} songs, index built in {built:.1f} s, {memory:.0f} MiB")
    for kind, texts in queries(rows).items():
        times = []
        for text in texts:
            started = time.perf_counter()
            index.search(text, limit=21)  # what the first page of results asks for
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
        print(f"  {kind:16} p50 {statistics.median(times):6.2f} ms   p99 {p99:6.2f} ms   ({len(times)} queries)")


def main() -> None:
    if not CHINOOK.exists():
        sys.exit(f"{CHINOOK} is missing: run `make catalog` first")
    bundled = chinook_rows()
    measure("bundled catalog (Chinook)", bundled)
    measure("generated catalog (synthetic)", generated_rows(bundled, GENERATED_SONGS))


if __name__ == "__main__":
    main()
