"""Offline evaluation: playlist continuation on held-out playlists.

For each held-out playlist the first part is shown (the seeds) and the rest hidden; each
method ranks every other track, and the ranking is scored against the hidden tracks
with R-precision, NDCG@10 and hit-rate@10, and its first ten by their variety (how many
artists and albums they span: a method can win accuracy by filling lists with one
album, which these figures show). The methods:

- popularity: the most frequent tracks of the training playlists (the baseline);
- co-occurrence: this engine's similarity model, built on the training sessions only,
  scoring a track by its summed similarity to the seeds (popularity fills the tail);
- co-occurrence with variety: the same ranking with the suggestions' rule of variety
  (variety.py: a few tracks per artist and per album in a list of ten), as the DJ sees it;
- implicit ALS: alternating least squares from the `implicit` library, the playlists
  as users, folded in from the seeds at ranking time.

Held-out playlists are never in the training sessions; every fold is a fresh model.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from implicit.als import AlternatingLeastSquares
from scipy import sparse
from threadpoolctl import threadpool_limits

from liveparty.catalog.models import PlaylistTrack, Song
from liveparty.recommend.similarity import KIND_WEIGHTS, KINDS, MAX_SESSION_TRACKS, Sessions, build
from liveparty.recommend.variety import Variety

CUTOFF = 10
# Tracks shown of a held-out playlist: this share of it, at least one.
SHOWN = 0.5
MIN_PLAYLIST = 4
ALS_FACTORS = 64
ALS_ITERATIONS = 15
# Held-out playlists scored at once (bounds a dense block of scores).
CHUNK = 200
# Candidates ranked for a varied list of CUTOFF: room for what the caps hold back.
VARIETY_POOL = 5 * CUTOFF


@dataclass(frozen=True)
class Dataset:
    """Playlists (arrays of track numbers 0..tracks-1) and other sessions for training only;
    per track, its genre, artist and album where known."""

    name: str
    tracks: int
    playlists: list[np.ndarray]
    extra_sessions: list[tuple[str, np.ndarray]] = field(default_factory=list)  # (kind, tracks)
    genres: list[str] | None = None
    artists: list[str] | None = None
    albums: list[str] | None = None


@dataclass
class Scores:
    r_precision: list[float] = field(default_factory=list)
    ndcg: list[float] = field(default_factory=list)
    hits: list[float] = field(default_factory=list)
    artists: list[int] = field(default_factory=list)
    albums: list[int] = field(default_factory=list)

    def add(self, ranked: np.ndarray, hidden: set[int], dataset: Dataset | None = None) -> None:
        size = len(hidden)
        self.r_precision.append(len(hidden.intersection(ranked[:size].tolist())) / size)
        top = ranked[:CUTOFF].tolist()
        dcg = sum(1 / math.log2(rank + 2) for rank, track in enumerate(top) if track in hidden)
        ideal = sum(1 / math.log2(rank + 2) for rank in range(min(size, CUTOFF)))
        self.ndcg.append(dcg / ideal)
        self.hits.append(float(any(track in hidden for track in top)))
        if dataset is not None and dataset.artists is not None and dataset.albums is not None:
            self.artists.append(len({dataset.artists[track] for track in top}))
            self.albums.append(len({(dataset.artists[track], dataset.albums[track]) for track in top}))

    def summary(self) -> dict[str, float | None]:
        """Means over the playlists; `artists@10`, `albums@10`: how many distinct ones a
        list of ten spans (10 is every track from another one), None when unknown."""
        return {
            "R-precision": float(np.mean(self.r_precision)) if self.r_precision else 0.0,
            f"NDCG@{CUTOFF}": float(np.mean(self.ndcg)) if self.ndcg else 0.0,
            f"hit-rate@{CUTOFF}": float(np.mean(self.hits)) if self.hits else 0.0,
            f"artists@{CUTOFF}": float(np.mean(self.artists)) if self.artists else None,
            f"albums@{CUTOFF}": float(np.mean(self.albums)) if self.albums else None,
            "playlists": len(self.hits),
        }


Ranker = Callable[[list[np.ndarray], int], np.ndarray]  # (seed lists, how many) -> ranked track numbers per row


def evaluate(dataset: Dataset, *, test_playlists: int = 1000, folds: int = 1, seed: int = 7) -> dict[str, dict]:
    """Each method's metrics over the held-out playlists of every fold."""
    rng = np.random.default_rng(seed)
    eligible = [i for i, p in enumerate(dataset.playlists) if MIN_PLAYLIST <= len(p) <= MAX_SESSION_TRACKS]
    order = rng.permutation(eligible)
    held_out = [order[fold::folds] for fold in range(folds)] if folds > 1 else [order[:test_playlists]]
    results = {name: Scores() for name in METHODS}
    for test in held_out:
        test_set = set(test.tolist())
        training = [p for i, p in enumerate(dataset.playlists) if i not in test_set]
        seeds, hidden = [], []
        for i in test:
            playlist = dataset.playlists[i]
            shown = max(1, int(len(playlist) * SHOWN))
            seeds.append(playlist[:shown])
            hidden.append(set(playlist[shown:].tolist()) - set(playlist[:shown].tolist()))
        wanted = max(CUTOFF, max((len(h) for h in hidden), default=0))
        for name, make in METHODS.items():
            ranked = make(dataset, training)(seeds, wanted)
            for row, hidden_tracks in zip(ranked, hidden, strict=True):
                if hidden_tracks:
                    results[name].add(row, hidden_tracks, dataset)
    return {name: scores.summary() for name, scores in results.items()}


def _popularity_of(dataset: Dataset, training: list[np.ndarray]) -> np.ndarray:
    counts = np.zeros(dataset.tracks, np.float64)
    for playlist in training:
        np.add.at(counts, playlist, 1.0)
    return counts


def _top(scores: np.ndarray, excluded: np.ndarray, wanted: int, fill: np.ndarray) -> np.ndarray:
    """The `wanted` best tracks by score, ties and the tail by `fill` order, never `excluded`."""
    scores = scores.copy()
    scores[excluded] = -np.inf
    candidates = np.flatnonzero(scores > 0)
    best = candidates[np.lexsort((np.arange(len(candidates)), -scores[candidates]))][:wanted]
    if len(best) < wanted:
        taken = np.zeros(len(scores), bool)
        taken[best] = True
        taken[excluded] = True
        best = np.concatenate([best, fill[~taken[fill]][: wanted - len(best)]])
    return best


def popularity_method(dataset: Dataset, training: list[np.ndarray]) -> Ranker:
    counts = _popularity_of(dataset, training)
    order = np.lexsort((np.arange(dataset.tracks), -counts))

    def rank(seeds: list[np.ndarray], wanted: int) -> list[np.ndarray]:
        return [_top(np.zeros(dataset.tracks), seed, wanted, order) for seed in seeds]

    return rank


def cooccurrence_method(dataset: Dataset, training: list[np.ndarray]) -> Ranker:
    counts = _popularity_of(dataset, training)
    order = np.lexsort((np.arange(dataset.tracks), -counts))
    sessions = [("playlist", p) for p in training] + dataset.extra_sessions
    model = build(
        np.arange(dataset.tracks, dtype=np.int64),
        counts,
        dataset.genres or [""] * dataset.tracks,
        _sessions(sessions),
    )
    similarity = sparse.csr_matrix((model.scores, model.neighbours, model.indptr), shape=(model.size, model.size))

    def rank(seeds: list[np.ndarray], wanted: int) -> list[np.ndarray]:
        ranked = []
        for start in range(0, len(seeds), CHUNK):
            chunk = seeds[start : start + CHUNK]
            scored = (_playlist_matrix(chunk, dataset.tracks) @ similarity).toarray()
            ranked += [_top(scored[row], seed, wanted, order) for row, seed in enumerate(chunk)]
        return ranked

    return rank


def varied_cooccurrence_method(dataset: Dataset, training: list[np.ndarray]) -> Ranker:
    ranker = cooccurrence_method(dataset, training)

    def rank(seeds: list[np.ndarray], wanted: int) -> list[np.ndarray]:
        return [varied(row, dataset)[:wanted] for row in ranker(seeds, max(wanted, VARIETY_POOL))]

    return rank


def varied(ranked: np.ndarray, dataset: Dataset) -> np.ndarray:
    """The ranking with its first CUTOFF chosen by variety.py's rule (as suggestions are)."""
    if dataset.artists is None or dataset.albums is None:
        return ranked
    variety = Variety()
    first: list[int] = []
    held_back: list[int] = []
    for track in ranked.tolist():
        if len(first) == CUTOFF:
            break
        if variety.allows(dataset.artists[track], dataset.albums[track]):
            first.append(track)
            variety.add(dataset.artists[track], dataset.albums[track])
        else:
            held_back.append(track)
    first += held_back[: CUTOFF - len(first)]
    chosen = set(first)
    return np.array(first + [track for track in ranked.tolist() if track not in chosen], np.int64)


def als_method(dataset: Dataset, training: list[np.ndarray]) -> Ranker:
    counts = _popularity_of(dataset, training)
    order = np.lexsort((np.arange(dataset.tracks), -counts))
    with threadpool_limits(1, "blas"):  # implicit's own advice: its threads, not BLAS's
        model = AlternatingLeastSquares(
            factors=ALS_FACTORS, iterations=ALS_ITERATIONS, random_state=7, calculate_training_loss=False
        )
        model.fit(_playlist_matrix(training, dataset.tracks), show_progress=False)

    def rank(seeds: list[np.ndarray], wanted: int) -> list[np.ndarray]:
        rows = _playlist_matrix(seeds, dataset.tracks)
        with threadpool_limits(1, "blas"):
            ids, _ = model.recommend(
                np.arange(len(seeds)), rows, N=wanted, recalculate_user=True, filter_already_liked_items=True
            )
        ranked = []
        for seed, row in zip(seeds, ids, strict=True):
            row = row[row >= 0]
            scores = np.zeros(dataset.tracks)
            scores[row] = np.linspace(2.0, 1.0, len(row))  # ALS's order, above any filler
            ranked.append(_top(scores, seed, wanted, order))
        return ranked

    return rank


METHODS: dict[str, Callable[[Dataset, list[np.ndarray]], Ranker]] = {
    "popularity": popularity_method,
    "co-occurrence (this engine)": cooccurrence_method,
    "co-occurrence with variety (suggestions)": varied_cooccurrence_method,
    "implicit ALS": als_method,
}


def _playlist_matrix(playlists: list[np.ndarray], tracks: int) -> sparse.csr_matrix:
    lengths = [len(p) for p in playlists]
    matrix = sparse.csr_matrix(
        (
            np.ones(sum(lengths), np.float32),
            np.concatenate(playlists) if playlists else np.zeros(0, np.int64),
            np.concatenate([[0], np.cumsum(lengths)]),
        ),
        shape=(len(playlists), tracks),
    )
    matrix.sum_duplicates()
    matrix.data[:] = 1.0
    return matrix


def _sessions(sessions: list[tuple[str, np.ndarray]]) -> Sessions:
    kinds = [kind for kind, _ in sessions]
    lengths = [len(tracks) for _, tracks in sessions]
    playlist_sessions = 0
    while playlist_sessions < len(kinds) and kinds[playlist_sessions] == "playlist":
        playlist_sessions += 1
    return Sessions(
        songs=np.concatenate([tracks for _, tracks in sessions]).astype(np.int64)
        if sessions
        else np.zeros(0, np.int64),
        sessions=np.repeat(np.arange(len(sessions)), lengths),
        weights=np.array([KIND_WEIGHTS[kind] for kind in kinds], np.float32),
        kinds=np.array([KINDS.index(kind) for kind in kinds], np.int8),
        playlist_sessions=playlist_sessions,
    )


def database_dataset() -> Dataset:
    """The catalog's playlists (Chinook's, and Spotify's when imported), with albums as
    extra training sessions, as the engine itself learns from them."""
    ids = np.array(sorted(Song.objects.values_list("pk", flat=True)), dtype=np.int64)
    number = {song_id: index for index, song_id in enumerate(ids.tolist())}
    playlists: dict[int, list[int]] = {}
    rows = PlaylistTrack.objects.order_by("playlist_id", "position").values_list("playlist_id", "song_id")
    for playlist_id, song_id in rows.iterator(chunk_size=20_000):
        playlists.setdefault(playlist_id, []).append(number[song_id])
    albums: dict[tuple[str, str], list[int]] = {}
    genres, artists, album_names = [""] * len(ids), [""] * len(ids), [""] * len(ids)
    for song_id, artist, album, genre in Song.objects.values_list("pk", "artist", "album", "genre"):
        genres[number[song_id]] = genre
        artists[number[song_id]] = artist.casefold()
        album_names[number[song_id]] = album.casefold()
        if album:
            albums.setdefault((artist, album), []).append(number[song_id])
    return Dataset(
        name="bundled catalog",
        tracks=len(ids),
        playlists=[np.array(_unique_in_order(p), np.int64) for p in playlists.values()],
        extra_sessions=[("album", np.array(tracks, np.int64)) for tracks in albums.values()],
        genres=genres,
        artists=artists,
        albums=album_names,
    )


def _unique_in_order(tracks: list[int]) -> list[int]:
    return list(dict.fromkeys(tracks))
