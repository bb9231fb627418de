"""Song search for guests: by title, artist and album; case- and accent-blind; the last
word may be the start of one ("stairway hea"); a word may have a typo ("beyonse").

The index lives in each process's memory, built from the database and rebuilt when the
catalog changes (its version is in Django's cache, so every process notices). Being
plain Python over the same rows, it ranks identically on SQLite and PostgreSQL.

Ranking: every query word must match; an exact word beats the start of a word beats a
near miss; the title counts more than the artist, the artist more than the album; a
title equal to the query, or starting with it, comes first; popularity breaks ties.
"""

import heapq
import math
import re
import uuid
import zlib
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.core.cache import cache
from django.db import transaction

from liveparty.catalog.matching import plain_lower

VERSION_KEY = "liveparty:catalog-version"
EXACT, PREFIX, NEAR = 3.0, 2.0, 1.0
FIELD_WEIGHTS = (1.0, 0.8, 0.5)  # title, artist, album
WHOLE_TITLE_BONUS, TITLE_START_BONUS = 10.0, 3.0
POPULARITY_WEIGHT = 0.1
# Bounds that keep a query fast on a large catalog: a prefix expands to this many words
# at most, and a near miss is looked for only in words this long or longer.
MAX_PREFIX_WORDS = 150
MIN_FUZZY_LENGTH = 4


def fold(text: str) -> str:
    plain = plain_lower(text)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain.replace("'", "").replace("\u2019", "")).split())


@dataclass
class Listing:
    """One song as guests see it: the same song on several albums is one listing, shown by
    its most popular version; every version's album still finds it."""

    song_id: int
    title: str
    popularity: int
    boost: float  # what popularity adds to a score, computed once
    versions: list[int]  # song ids of every version, the shown one first

    def version_among(self, among: Container[int] | None) -> int | None:
        if among is None:
            return self.song_id
        return next((song_id for song_id in self.versions if song_id in among), None)


class SearchIndex:
    def __init__(self, rows: Iterable[tuple[int, str, str, str, int, str]]) -> None:
        """rows: (song id, title, artist, album, popularity, match key)."""
        self.listings: list[Listing] = []
        postings: dict[str, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
        by_key: dict[str, int] = {}
        for song_id, title, artist, album, popularity, key in sorted(rows, key=lambda row: (-row[4], row[0])):
            index = by_key.get(key)
            if index is None:
                index = by_key[key] = len(self.listings)
                boost = POPULARITY_WEIGHT * math.log1p(popularity)
                self.listings.append(Listing(song_id, fold(title), popularity, boost, [song_id]))
            else:
                self.listings[index].versions.append(song_id)
            for field, text in enumerate((fold(title), fold(artist), fold(album))):
                for word in text.split():
                    postings[word][field].add(index)
        self.postings = {
            word: {field: array("i", sorted(ids)) for field, ids in fields.items()} for word, fields in postings.items()
        }
        self.words = sorted(self.postings)
        self.trigrams: dict[str, list[str]] = defaultdict(list)
        for word in self.words:
            if len(word) >= MIN_FUZZY_LENGTH - 1:
                for gram in trigrams(word):
                    self.trigrams[gram].append(word)
        self.by_popularity = sorted(
            range(len(self.listings)), key=lambda i: (-self.listings[i].popularity, self.listings[i].title)
        )

    def search(
        self, query: str, limit: int | None = None, among: Container[int] | None = None, mix: str | None = None
    ) -> list[int]:
        """Song ids, best first (the first `limit` of them; only songs `among` those ids, when given).
        An empty query browses by popularity; `mix` orders equally popular songs its own way."""
        words = fold(query).split()
        if not words:
            order = self.by_popularity if mix is None else self._mixed(mix)
            browse = (self.listings[i].version_among(among) for i in order)
            return list(islice((song_id for song_id in browse if song_id is not None), limit))
        scores: dict[int, float] | None = None
        for position, word in enumerate(words):
            # Words after the first only need scoring for the songs still in the running.
            matches = self._word_scores(word, last=position == len(words) - 1, within=scores)
            scores = matches if scores is None else {i: s + matches[i] for i, s in scores.items() if i in matches}
            if not scores:
                return []
        whole = " ".join(words)
        listings = self.listings

        def rank(item: tuple[int, float]) -> tuple:
            listing = listings[item[0]]
            score = item[1] + listing.boost
            if listing.title == whole:
                score += WHOLE_TITLE_BONUS
            elif listing.title.startswith(whole):
                score += TITLE_START_BONUS
            return (-score, -listing.popularity, listing.title, listing.version_among(among))

        if among is not None:
            scores = {
                index: score for index, score in scores.items() if listings[index].version_among(among) is not None
            }
        # A broad query matches thousands of songs; a page needs only the best few.
        ranked = heapq.nsmallest(limit, map(rank, scores.items())) if limit else sorted(map(rank, scores.items()))
        return [key[-1] for key in ranked]

    def _mixed(self, seed: str) -> Iterator[int]:
        """The browse order, each run of equally popular songs in an order drawn from `seed`
        (a catalog's songs mostly tie: a party's first screen should not be its A's)."""
        order, listings = self.by_popularity, self.listings
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and listings[order[end]].popularity == listings[order[start]].popularity:
                end += 1
            yield from sorted(order[start:end], key=lambda i: zlib.crc32(f"{seed}:{listings[i].song_id}".encode()))
            start = end

    def _word_scores(self, word: str, *, last: bool, within: dict[int, float] | None) -> dict[int, float]:
        """Each song's best score for one query word (among `within`, when given)."""
        best: dict[int, float] = {}

        def credit(candidate: str, kind: float) -> None:
            get = best.get
            for field, ids in self.postings[candidate].items():
                points = kind * FIELD_WEIGHTS[field]
                for index in ids if within is None else (i for i in ids if i in within):
                    if get(index, 0.0) < points:
                        best[index] = points

        if word in self.postings:
            credit(word, EXACT)
        if last and len(word) >= 2:
            start = bisect_left(self.words, word)
            for candidate in self.words[start : start + MAX_PREFIX_WORDS]:
                if not candidate.startswith(word):
                    break
                if candidate != word:
                    credit(candidate, PREFIX)
        if len(word) >= MIN_FUZZY_LENGTH:
            for candidate in self._near(word):
                credit(candidate, NEAR)
        return best

    def _near(self, word: str) -> list[str]:
        """Words one edit away (two for long words): a typo, a missing or doubled letter."""
        limit = 2 if len(word) >= 8 else 1
        shared: dict[str, int] = defaultdict(int)
        for gram in trigrams(word):
            for candidate in self.trigrams.get(gram, ()):
                shared[candidate] += 1
        needed = max(1, len(trigrams(word)) - 3 * limit)
        return [
            candidate
            for candidate, count in shared.items()
            if count >= needed
            and candidate != word
            and abs(len(candidate) - len(word)) <= limit
            and edit_distance(word, candidate, limit) <= limit
        ]


def trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one), stopping past `limit`."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = char_a != char_b
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def catalog_version() -> str:
    """The catalog's version, shared by every process through Django's cache; made by the
    first to miss it, as a random token (an emptied cache never gives back an old one)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version or ""


def catalog_changed() -> None:
    """Call once per change of the catalog (an import, an edit in the admin), inside its
    transaction: once that commits, every process rebuilds its index. On commit, since
    a search in between would cache the old rows under the new version."""
    transaction.on_commit(_new_catalog_version)


def _new_catalog_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
