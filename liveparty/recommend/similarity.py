"""Track-to-track similarity from co-occurrence, with scipy.sparse.

Every playlist-like signal is a *session*: a set of tracks that somebody put together
(an imported playlist, an album, one party's played sequence, one guest's requests).
With X the tracks x sessions matrix (a session's weight where the track is in it) and
B its 0/1 pattern, C = X Bᵀ counts, for each pair of tracks, the weight of the sessions
they share. Similarity is that count over the geometric mean of the two tracks' own
counts, shrunk for thin evidence:

    sim(i, j) = C[i, j] / (sqrt(n_i * n_j) + SHRINKAGE)

Only each track's NEIGHBOURS best neighbours are kept, so the model is a compact CSR
that answers "what goes with this track" in microseconds. C is computed a block of rows
at a time: the full product of a million playlists would not fit in memory.

The model also keeps the playlists themselves (for exploration: "a random pick from
playlists the badly rated track is not in") and each track's genre (for the mood fit).
"""

import io
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

# Neighbours kept per track: more than a suggestion list ever needs from one seed.
NEIGHBOURS = 40
# Pulls similarity towards 0 when two tracks share little: one shared playlist between
# two obscure tracks is not a strong bond.
SHRINKAGE = 1.0
# A session this long is a library ("Music", "90's Music"), not a choice: it says nothing
# about which tracks go together, and would cost millions of pairs.
MAX_SESSION_TRACKS = 500
# Rows of C computed at once: bounds the memory of the product.
BLOCK_ROWS = 20_000


@dataclass(frozen=True)
class Sessions:
    """Track/session incidences: entry k says track `songs[k]` is in session `sessions[k]`."""

    songs: np.ndarray  # song ids
    sessions: np.ndarray  # session numbers, 0..len(weights)-1
    weights: np.ndarray  # one per session
    kinds: np.ndarray  # one per session: an index into KINDS
    playlist_sessions: int = 0  # sessions 0..playlist_sessions-1 are imported playlists


@dataclass(frozen=True)
class SimilarityModel:
    song_ids: np.ndarray  # sorted; row i of the model is song song_ids[i]
    indptr: np.ndarray
    neighbours: np.ndarray  # rows of the neighbours, best first within each row
    scores: np.ndarray  # their similarity
    together: np.ndarray  # their shared session weight (whole part: shared sessions)
    popularity: np.ndarray  # per row
    by_popularity: np.ndarray  # rows, most popular first
    genres: np.ndarray  # per row: an index into genre_names
    genre_names: tuple[str, ...]
    playlist_indptr: np.ndarray  # the imported playlists, as rows of tracks
    playlist_tracks: np.ndarray
    track_playlist_indptr: np.ndarray  # and the other way round: each track's playlists
    track_playlists: np.ndarray
    stats: dict = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.song_ids)

    def popular_rows(self, count: int) -> np.ndarray:
        return self.by_popularity[:count]

    def rows_of(self, song_ids: np.ndarray) -> np.ndarray:
        """The model row of each song id, -1 for songs the model has not seen."""
        song_ids = np.asarray(song_ids, dtype=np.int64)
        rows = np.searchsorted(self.song_ids, song_ids)
        rows = np.minimum(rows, max(self.size - 1, 0))
        known = self.size > 0 and self.song_ids[rows] == song_ids
        return np.where(known, rows, -1)

    def neighbours_of(self, row: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        start, end = self.indptr[row], self.indptr[row + 1]
        return self.neighbours[start:end], self.scores[start:end], self.together[start:end]

    @property
    def playlists(self) -> int:
        return len(self.playlist_indptr) - 1

    def playlist(self, number: int) -> np.ndarray:
        """The rows of one imported playlist's tracks, in row order."""
        return self.playlist_tracks[self.playlist_indptr[number] : self.playlist_indptr[number + 1]]

    def playlists_of(self, row: int) -> np.ndarray:
        return self.track_playlists[self.track_playlist_indptr[row] : self.track_playlist_indptr[row + 1]]

    def holds(self, number: int, row: int) -> bool:
        tracks = self.playlist(number)
        at = np.searchsorted(tracks, row)
        return bool(at < len(tracks) and tracks[at] == row)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        arrays = {name: getattr(self, name) for name in _ARRAYS}
        np.savez(buffer, genre_names=np.array(self.genre_names, dtype=object), stats=np.array([self.stats]), **arrays)
        # A part file of this writer's own, then one rename: readers never see half a
        # model, and two writers (two processes rebuilding) never share a part file.
        part = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.part")
        part.write_bytes(buffer.getvalue())
        part.replace(path)

    @classmethod
    def load(cls, path: Path) -> "SimilarityModel":
        with np.load(path, allow_pickle=True) as data:
            arrays = {name: data[name] for name in _ARRAYS}
            return cls(genre_names=tuple(data["genre_names"]), stats=dict(data["stats"][0]), **arrays)


_ARRAYS = (
    "song_ids",
    "indptr",
    "neighbours",
    "scores",
    "together",
    "popularity",
    "by_popularity",
    "genres",
    "playlist_indptr",
    "playlist_tracks",
    "track_playlist_indptr",
    "track_playlists",
)


def build(
    song_ids: np.ndarray,
    popularity: np.ndarray,
    genres: list[str],
    sessions: Sessions,
    *,
    neighbours: int = NEIGHBOURS,
) -> SimilarityModel:
    """The model of these songs (`popularity` and `genres` aligned with `song_ids`)."""
    order = np.argsort(song_ids, kind="stable")
    song_ids = np.asarray(song_ids, dtype=np.int64)[order]
    genre_names, genre_codes = np.unique(np.asarray(genres, dtype=object)[order].astype(str), return_inverse=True)
    n_songs, n_sessions = len(song_ids), len(sessions.weights)

    rows = np.searchsorted(song_ids, sessions.songs)
    rows = np.minimum(rows, max(n_songs - 1, 0))
    known = (song_ids[rows] == sessions.songs) if n_songs else np.zeros(len(rows), bool)
    pattern = sparse.csr_matrix(
        (np.ones(int(known.sum()), np.float32), (rows[known], sessions.sessions[known])), shape=(n_songs, n_sessions)
    )
    pattern.sum_duplicates()
    pattern.data[:] = 1.0  # a track twice in a playlist is in it once

    lengths = np.asarray(pattern.sum(axis=0)).ravel()
    usable = (lengths >= 2) & (lengths <= MAX_SESSION_TRACKS)
    chosen = pattern[:, usable]
    weighted = (chosen @ sparse.diags(sessions.weights[usable].astype(np.float32))).tocsr()
    counts = np.asarray(weighted.sum(axis=1)).ravel()
    partners = chosen.T.tocsr()

    indptr, cols, scores, together = _top_neighbours(weighted, partners, counts, neighbours)
    by_track = pattern[:, : sessions.playlist_sessions].tocsr()
    by_track.sort_indices()
    playlists = by_track.T.tocsr()
    playlists.sort_indices()
    popularity = np.asarray(popularity, dtype=np.float32)[order]
    return SimilarityModel(
        song_ids=song_ids,
        indptr=indptr,
        neighbours=cols,
        scores=scores,
        together=together,
        popularity=popularity,
        by_popularity=np.lexsort((np.arange(n_songs), -popularity)).astype(np.int32),
        genres=genre_codes.astype(np.int32),
        genre_names=tuple(str(name) for name in genre_names),
        playlist_indptr=playlists.indptr.astype(np.int64),
        playlist_tracks=playlists.indices.astype(np.int32),
        track_playlist_indptr=by_track.indptr.astype(np.int64),
        track_playlists=by_track.indices.astype(np.int32),
        stats={
            "songs": n_songs,
            "sessions": int(usable.sum()),
            "sessions_by_kind": {
                str(kind): int(((sessions.kinds == index) & usable).sum()) for index, kind in enumerate(KINDS)
            },
            "pairs": len(cols),
        },
    )


def _top_neighbours(
    weighted: sparse.csr_matrix, partners: sparse.csr_matrix, counts: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """C = weighted @ partners, one block of rows at a time, each row cut to its k best."""
    n = weighted.shape[0]
    row_lengths = np.zeros(n, np.int64)
    kept_cols, kept_scores, kept_together = [], [], []
    norms = np.sqrt(counts)
    for start in range(0, n, BLOCK_ROWS):
        block = weighted[start : start + BLOCK_ROWS] @ partners
        block.sort_indices()
        local = np.repeat(np.arange(block.shape[0]), np.diff(block.indptr))
        cols, shared = block.indices, block.data
        off_diagonal = local + start != cols
        local, cols, shared = local[off_diagonal], cols[off_diagonal], shared[off_diagonal]
        score = shared / (norms[local + start] * norms[cols] + SHRINKAGE)
        # Shared weight never exceeds either track's own, so a score is below 1 and one
        # stable sort on "row + (1 - score)" orders each row best first (ties by column).
        order = np.argsort(local + (1.0 - score), kind="stable")
        local, cols, shared, score = local[order], cols[order], shared[order], score[order]
        first = np.searchsorted(local, local, side="left")
        keep = np.arange(len(local)) - first < k
        local, cols, shared, score = local[keep], cols[keep], shared[keep], score[keep]
        row_lengths[start : start + BLOCK_ROWS] = np.bincount(local, minlength=block.shape[0])
        kept_cols.append(cols.astype(np.int32))
        kept_scores.append(score.astype(np.float32))
        kept_together.append(shared.astype(np.float32))
    indptr = np.concatenate([[0], np.cumsum(row_lengths)]).astype(np.int64)

    def joined(parts: list[np.ndarray], dtype: type) -> np.ndarray:
        return np.concatenate(parts) if parts else np.zeros(0, dtype)

    return indptr, joined(kept_cols, np.int32), joined(kept_scores, np.float32), joined(kept_together, np.float32)


# Session kinds and their weights. An album is a weak signal (a record is not a
# playlist anybody chose), kept below 1 so that a pair's shared weight still reads as
# "whole sessions shared, plus a fraction when they share an album".
KINDS = ("playlist", "album", "event", "guest")
KIND_WEIGHTS = {"playlist": 1.0, "album": 0.25, "event": 1.0, "guest": 1.0}


def shared_playlists(together: float) -> int:
    """How many playlists, parties or guests' lists two tracks share (albums aside)."""
    return int(together + 1e-6)


def same_album(together: float) -> bool:
    return together - shared_playlists(together) > KIND_WEIGHTS["album"] / 2
