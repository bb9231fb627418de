"""The suggestion blend: run the registry's algorithms, weigh, filter, explain.

Every enabled algorithm scores candidates; each score is multiplied by its type's
`weight` (ScalingFactors) and summed per track. The mood fit runs after the others, over
what they proposed. Exploration is not summed: after a low rating it takes its share
of the list (the exploration type's weight, as a fraction) while the rest still goes to
the best-scored tracks. A track is never suggested when it is open, played, denied or
blocked at the event (by its match key: every version of the song) or off the crate.
The DJ's list keeps its variety (variety.py): a few tracks per artist and per album at
most; "you might also request" is about the one song, and is not held to it.
"""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import import_string

from liveparty.catalog.models import Song
from liveparty.errors import NotFound
from liveparty.recommend.algorithms import Scores, seed_neighbours
from liveparty.recommend.coefficients import ensure_registry
from liveparty.recommend.context import PartyContext, Seed, read_context
from liveparty.recommend.models import Algorithm, AlgorithmType, ScalingFactors, Scope
from liveparty.recommend.reasons import describe
from liveparty.recommend.similarity import SimilarityModel
from liveparty.recommend.variety import Variety

# Candidates checked against the database per suggestion wanted (the rest are rarely needed).
WINDOW_PER_SUGGESTION = 2


@dataclass(frozen=True)
class Registry:
    """The enabled algorithms, their functions and their type's factors.

    Read from the database at most every REGISTRY_TTL_S per process (and at once after
    an edit in the admin): suggestions are computed on every change of a party, the
    registry changes when somebody tunes it.
    """

    entries: tuple[tuple[Algorithm, Callable[[PartyContext, Algorithm], Scores], ScalingFactors], ...]

    @classmethod
    def load(cls, types: tuple[str, ...] | None = None) -> "Registry":
        global _registry
        now = time.monotonic()
        held = _registry  # one reference, read and replaced whole: no lock needed
        if held is None or now - held[0] > REGISTRY_TTL_S:
            held = _registry = (now, cls._read())
        registry = held[1]
        if types is None:
            return registry
        return cls(tuple(entry for entry in registry.entries if entry[0].algorithm_type in types))

    @classmethod
    def _read(cls) -> "Registry":
        ensure_registry()
        factors = {f.algorithm_type: f for f in ScalingFactors.objects.all()}
        return cls(
            tuple(
                (
                    a,
                    import_string(a.callable),
                    factors.get(a.algorithm_type, ScalingFactors(algorithm_type=a.algorithm_type)),
                )
                for a in Algorithm.objects.filter(enabled=True)
            )
        )


REGISTRY_TTL_S = 5.0
_registry: tuple[float, Registry] | None = None


def forget_registry(*args: object, **kwargs: object) -> None:
    """Read the registry again on next use (after an edit in the admin, or a test's)."""
    global _registry
    _registry = None


def blend(context: PartyContext, registry: Registry, n: int) -> list[dict]:
    """The n best suggestions for the party, each with its reason."""
    totals: dict[int, float] = {}
    reasons: dict[int, tuple[float, str, tuple]] = {}
    exploring: list[tuple[Algorithm, Callable, ScalingFactors]] = []
    later = []
    for algorithm, function, factors in registry.entries:
        if algorithm.algorithm_type == AlgorithmType.EXPLORATION:
            exploring.append((algorithm, function, factors))
        elif algorithm.algorithm_type == AlgorithmType.MOOD:
            later.append((algorithm, function, factors))
        else:
            _sum(context, totals, reasons, algorithm, function, factors)
    context.candidates = set(totals)
    for algorithm, function, factors in later:
        _sum(context, totals, reasons, algorithm, function, factors)

    explore_share = sum(factors.weight for _, _, factors in exploring) if context.low_rated else 0.0
    explore_slots = min(n - 1, math.ceil(n * explore_share)) if explore_share > 0 and n > 1 else 0
    ranked = sorted(
        (song for song, total in totals.items() if song not in context.excluded_songs),
        key=lambda song: (-totals[song], song),
    )
    songs: dict[int, tuple] = {}
    variety = Variety()
    chosen = _on_offer(context, ranked, n - explore_slots, set(), songs, variety)
    picks = [(song, totals[song], reasons[song]) for song in chosen]
    if explore_slots:
        explored: dict[int, tuple[float, str, tuple]] = {}
        for algorithm, function, _ in exploring:
            for song, (score, reason) in function(context, algorithm).items():
                explored.setdefault(song, (score, algorithm.name, reason))
        pool = [song for song in explored if song not in context.excluded_songs]
        taken = set(chosen)
        for song in _on_offer(context, pool, explore_slots, taken, songs, variety):
            picks.append((song, totals.get(song, 0.0), explored[song]))
        if len(picks) < n:  # nothing to explore: the best-scored fill the list
            more = _on_offer(context, ranked, n - len(picks), {song for song, _, _ in picks}, songs, variety)
            picks += [(song, totals[song], reasons[song]) for song in more]
    return _described(picks, songs)


def _sum(
    context: PartyContext,
    totals: dict[int, float],
    reasons: dict[int, tuple[float, str, tuple]],
    algorithm: Algorithm,
    function: Callable[[PartyContext, Algorithm], Scores],
    factors: ScalingFactors,
) -> None:
    for song, (score, reason) in function(context, algorithm).items():
        weighted = score * factors.weight
        totals[song] = totals.get(song, 0.0) + weighted
        if song not in reasons or weighted > reasons[song][0]:
            reasons[song] = (weighted, algorithm.name, reason)


def _on_offer(
    context: PartyContext,
    ranked: list[int],
    wanted: int,
    taken: set[int],
    songs: dict[int, tuple],
    variety: Variety | None = None,
) -> list[int]:
    """The first `wanted` of `ranked` that are on offer, pass the match-key filters and
    keep the list's `variety` (when given); the filters need the song's row (the rows
    read land in `songs`, for describing the winners). What variety held back comes
    last, only when `ranked` has nothing else."""
    ranked = [song for song in ranked if song not in taken and song in context.on_offer]
    chosen: list[int] = []
    held_back: list[int] = []
    keys_taken = {songs[song][-1] for song in taken if song in songs}

    def choose(song: int) -> None:
        chosen.append(song)
        keys_taken.add(songs[song][-1])
        if variety is not None:
            variety.add(songs[song][2], songs[song][3])

    start = 0
    window = max(wanted * WINDOW_PER_SUGGESTION, 10)
    while len(chosen) < wanted and start < len(ranked):
        batch = ranked[start : start + window]
        start += window
        songs.update(_songs([song for song in batch if song not in songs]))
        for song in batch:
            row = songs.get(song)
            if row is None or not _may_suggest(context, row, keys_taken):
                continue
            if variety is not None and not variety.allows(songs[song][2], songs[song][3]):
                held_back.append(song)
                continue
            choose(song)
            if len(chosen) == wanted:
                break
    for song in held_back:
        if len(chosen) == wanted:
            break
        if songs[song][-1] not in keys_taken:
            choose(song)
    return chosen


def _may_suggest(context: PartyContext, row: tuple, keys_taken: set[str]) -> bool:
    key = row[-1]
    if key in context.excluded_keys or key in keys_taken:
        return False
    return not context.refused.refuse(key, row[_EXPLICIT])


def _songs(song_ids: list[int]) -> dict[int, tuple]:
    """The songs' rows as tuples of _SONG_FIELDS (the match key last): filtering needs
    the key, and only the winners become Song objects, to describe them."""
    return {row[0]: row for row in Song.objects.filter(pk__in=song_ids).values_list(*_SONG_FIELDS)}


_SONG_FIELDS = ("id", "title", "artist", "album", "duration_ms", "explicit", "match_key")
_EXPLICIT = _SONG_FIELDS.index("explicit")


def _public(row: tuple) -> dict:
    return Song(**dict(zip(_SONG_FIELDS, row, strict=True))).public


def _described(picks: list[tuple[int, float, tuple[float, str, tuple]]], songs: dict[int, tuple]) -> list[dict]:
    return [
        {
            "song": _public(songs[song]),
            "score": round(total, 4),
            "reason": describe(reason),
            "algorithm": algorithm,
        }
        for song, total, (_, algorithm, reason) in picks
    ]


def similar_tracks(
    model: SimilarityModel, song_id: int, n: int, event_id: int | None, guest_id: int | None
) -> list[dict]:
    """Tracks that go with one song. At an event: only what a guest could request there,
    and (for a guest) nudged by what they rated well."""
    song = Song.objects.filter(pk=song_id).first()
    if song is None:
        raise NotFound("That song is not in the catalog.")
    context = read_context(event_id, model, guest_id) if event_id is not None else PartyContext(event_id=0, model=model)
    context.excluded_keys.add(song.match_key)
    context.excluded_songs.add(song.pk)
    totals = seed_neighbours(context, [(Seed(song.pk, song.title), 1.0)], "played_with")
    if guest_id is not None:
        for algorithm, function, factors in Registry.load(types=(AlgorithmType.RATING,)).entries:
            if algorithm.scope == Scope.GUEST:
                for item, (score, _) in function(context, algorithm).items():
                    if item in totals:
                        totals[item] = (totals[item][0] + score * factors.weight, totals[item][1])
    ranked = sorted(
        (item for item in totals if item not in context.excluded_songs), key=lambda item: (-totals[item][0], item)
    )
    songs: dict[int, tuple] = {}
    chosen = _on_offer(context, ranked, n, set(), songs)
    picks = [(item, totals[item][0], (totals[item][0], "similar", totals[item][1])) for item in chosen]
    return _described(picks, songs)
