"""Synthetic playlists with planted structure, for `manage.py evaluate_recommender` and the
scale benchmark. Everything it makes is synthetic and is labelled so wherever it is reported.

The plant: every track belongs to one of `scenes` (think genres or crowds); each
playlist is about one scene and draws FOCUS of its tracks from it, the rest from the
whole catalog. Within a scene and overall, a few tracks are much more popular than the
rest (a Pareto law), as in real listening data. A good recommender recovers the scenes
from co-occurrence; popularity alone cannot.
"""

from dataclasses import dataclass

import numpy as np

FOCUS = 0.8
# The planted discography: a scene's tracks in albums of this size, this many per artist.
TRACKS_PER_ALBUM = 10
ALBUMS_PER_ARTIST = 2
MEAN_LENGTH = 15
MIN_LENGTH, MAX_LENGTH = 3, 120
POPULARITY_SHAPE = 1.2


@dataclass(frozen=True)
class SyntheticPlaylists:
    tracks: int
    scene_of: np.ndarray  # per track
    popularity: np.ndarray  # per track
    indptr: np.ndarray  # playlist i is tracks[indptr[i]:indptr[i+1]]
    members: np.ndarray  # track numbers 0..tracks-1, unique within a playlist

    @property
    def playlists(self) -> int:
        return len(self.indptr) - 1

    def playlist(self, number: int) -> np.ndarray:
        return self.members[self.indptr[number] : self.indptr[number + 1]]

    def as_lists(self) -> list[np.ndarray]:
        return [self.playlist(number) for number in range(self.playlists)]

    def genres(self) -> list[str]:
        return [f"Synthetic scene {scene}" for scene in self.scene_of.tolist()]

    def _album_numbers(self) -> np.ndarray:
        by_scene = np.lexsort((np.arange(self.tracks), self.scene_of))
        numbers = np.empty(self.tracks, np.int64)
        numbers[by_scene] = np.arange(self.tracks) // TRACKS_PER_ALBUM
        return numbers

    def albums(self) -> list[str]:
        """Consecutive tracks of a scene share an album (an album spans one scene, or two)."""
        return [f"synthetic album {number}" for number in self._album_numbers().tolist()]

    def artists(self) -> list[str]:
        return [f"synthetic artist {number}" for number in (self._album_numbers() // ALBUMS_PER_ARTIST).tolist()]


def generate(tracks: int, playlists: int, *, scenes: int | None = None, seed: int = 7) -> SyntheticPlaylists:
    """`playlists` playlists over `tracks` tracks, vectorised (a million take seconds)."""
    rng = np.random.default_rng(seed)
    scenes = scenes or max(8, tracks // 400)
    scene_of = rng.integers(0, scenes, tracks)
    popularity = (rng.pareto(POPULARITY_SHAPE, tracks) + 1).astype(np.float32)

    # Per scene, a cumulative popularity scaled into [scene, scene + 1): one searchsorted
    # then draws a popular-weighted track of any scene.
    by_scene = np.lexsort((np.arange(tracks), scene_of))
    weights = popularity[by_scene].astype(np.float64)
    starts = np.searchsorted(scene_of[by_scene], np.arange(scenes + 1))
    scene_cum = np.empty(tracks)
    for scene in range(scenes):
        part = np.cumsum(weights[starts[scene] : starts[scene + 1]])
        scene_cum[starts[scene] : starts[scene + 1]] = scene + part / part[-1] if len(part) else []
    overall_cum = np.cumsum(popularity.astype(np.float64))
    overall_cum /= overall_cum[-1]

    lengths = np.clip(
        rng.geometric(1 / (MEAN_LENGTH - MIN_LENGTH + 1), playlists) + MIN_LENGTH - 1, MIN_LENGTH, MAX_LENGTH
    )
    owner = np.repeat(np.arange(playlists), lengths)
    playlist_scene = rng.integers(0, scenes, playlists)
    focused = rng.random(len(owner)) < FOCUS
    draws = rng.random(len(owner))
    picked = np.empty(len(owner), np.int64)
    in_scene = np.searchsorted(scene_cum, playlist_scene[owner[focused]] + draws[focused])
    picked[focused] = by_scene[np.minimum(in_scene, tracks - 1)]
    picked[~focused] = np.minimum(np.searchsorted(overall_cum, draws[~focused]), tracks - 1)

    # A track once per playlist, in the order first drawn.
    keys = owner * tracks + picked
    _, first = np.unique(keys, return_index=True)
    first.sort()
    owner, picked = owner[first], picked[first]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(owner, minlength=playlists))])
    return SyntheticPlaylists(tracks, scene_of, popularity, indptr, picked)
