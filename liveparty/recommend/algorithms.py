"""The scoring functions of the Algorithm registry (models.py; rows in the migrations).

Each takes the party's context and its algorithm's row and returns song id ->
(score, reason). Scores are on a comparable scale (about 0 to 1, negative for "less of
this"); the blend weighs each by its type's ScalingFactors. A reason is a tuple that
`reasons.py` turns into the one line the DJ reads, for the winners only.
"""

import random

import numpy as np

from liveparty.mood.genres import mood_fit
from liveparty.recommend.context import PartyContext, Seed
from liveparty.recommend.models import Algorithm
from liveparty.recommend.similarity import SimilarityModel, same_album, shared_playlists

Scores = dict[int, tuple[float, tuple]]
# Neighbours a learned track lends its coefficient to (it is one seed among many).
LEARNED_NEIGHBOURS = 10
# Popular tracks on offer the popularity algorithm proposes.
POPULAR_POOL = 60
# Random playlists tried when exploring, and the picks wanted (more than the list's
# exploring slots: some may fall to the filters that need the song's row).
EXPLORE_PLAYLISTS = 200
EXPLORE_PICKS = 8


def _add(scores: Scores, song_id: int, score: float, reason: tuple) -> None:
    """Sum the scores of a song; keep the reason of its biggest part."""
    old = scores.get(song_id)
    if old is None:
        scores[song_id] = (score, reason)
    else:
        scores[song_id] = (old[0] + score, reason if abs(score) > abs(old[0]) else old[1])


def seed_neighbours(
    context: PartyContext, seeds: list[tuple[Seed, float]], reason_kind: str, extra: tuple = (), best: int | None = None
) -> Scores:
    """Co-occurrence neighbours of weighted seeds (each seed's `best` ones, when given),
    each scored weight x similarity."""
    model, scores = context.model, {}
    rows = model.rows_of([seed.song_id for seed, _ in seeds]) if seeds else []
    for (seed, weight), row in zip(seeds, rows, strict=True):
        if row < 0:
            continue
        neighbours, similarity, together = (part[:best] for part in model.neighbours_of(row))
        for neighbour, sim, shared in zip(
            model.song_ids[neighbours].tolist(), similarity.tolist(), together.tolist(), strict=True
        ):
            if same_album(shared) and not shared_playlists(shared):
                reason = ("same_album", seed.title)
            else:
                reason = (reason_kind, seed.title, shared_playlists(shared), *extra)
            _add(scores, neighbour, weight * sim, reason)
    return scores


def now_playing(context: PartyContext, algorithm: Algorithm) -> Scores:
    """Tracks that go with the one playing and the last few played."""
    seeds = [(seed, seed.weight) for seed in ([context.now_playing] if context.now_playing else []) + context.recent]
    return seed_neighbours(context, seeds, "played_with")


def crowd_demand(context: PartyContext, algorithm: Algorithm) -> Scores:
    """Tracks that go with what the crowd is asking for, by the number of asks."""
    if not context.demand:
        return {}
    most = max(asks for _, asks in context.demand) or 1
    scores: Scores = {}
    for seed, asks in context.demand:
        for song, (score, reason) in seed_neighbours(context, [(seed, asks / most)], "asked_with", (asks,)).items():
            _add(scores, song, score, reason)
    return scores


def _coefficient_scores(context: PartyContext, algorithm: Algorithm, liked: str, alike: str = "like_rated") -> Scores:
    """The algorithm's strongest coefficients in its scope (read with the context): each
    track's own, and a share for its neighbours (negative for a disliked track's)."""
    learned = context.coefficients.get(algorithm.name, {})
    scores: Scores = {}
    for song, coefficient in learned.items():
        _add(scores, song, coefficient, (liked if coefficient > 0 else "disliked",))
    seeds = [(Seed(song, context.titles.get(song, "")), coefficient) for song, coefficient in learned.items()]
    for song, (score, reason) in seed_neighbours(context, seeds, alike, best=LEARNED_NEIGHBOURS).items():
        _add(scores, song, score, reason if score > 0 else ("like_disliked", reason[1]))
    return scores


def crowd_ratings(context: PartyContext, algorithm: Algorithm) -> Scores:
    """What tonight's crowd rated well (and badly), and tracks like those."""
    return _coefficient_scores(context, algorithm, "rated_well_tonight")


def dj_taste(context: PartyContext, algorithm: Algorithm) -> Scores:
    """What the crowds of this DJ's earlier parties rated well."""
    return _coefficient_scores(context, algorithm, "rated_well_at_your_parties")


def guest_taste(context: PartyContext, algorithm: Algorithm) -> Scores:
    """For one guest's "you might also request": tracks like those they rated well."""
    return _coefficient_scores(context, algorithm, "you_rated_well")


def dj_feedback(context: PartyContext, algorithm: Algorithm) -> Scores:
    """The DJ's accepts pull similar tracks up; denials push them down, for this event."""
    return _coefficient_scores(context, algorithm, "accepted_tonight", "like_accepted")


def crowd_mood(context: PartyContext, algorithm: Algorithm) -> Scores:
    """How well each candidate's genre fits the crowd's mood (liveparty/mood/genres.py)."""
    mood = context.crowd_mood
    if not mood or not context.candidates:
        return {}
    model = context.model
    ids = np.fromiter(context.candidates, np.int64, len(context.candidates))
    rows = model.rows_of(ids)
    known = rows >= 0
    ids, genres = ids[known], model.genres[rows[known]]
    present = np.unique(genres)
    fits = np.zeros(len(model.genre_names))
    fits[present] = [mood_fit(model.genre_names[genre], mood["distribution"]) for genre in present.tolist()]
    reason = ("crowd_mood", mood["mood"])
    return {song: (fit, reason) for song, fit in zip(ids.tolist(), fits[genres].tolist(), strict=True)}


def popular(context: PartyContext, algorithm: Algorithm) -> Scores:
    """The most popular tracks on offer: all a party with no history has to go on."""
    model = context.model
    if context.on_offer.crate is None:
        rows = model.popular_rows(POPULAR_POOL + len(context.excluded_songs))
    else:
        crate = np.fromiter(context.on_offer.crate, np.int64, len(context.on_offer.crate))
        rows = model.rows_of(crate)
        rows = rows[rows >= 0]
        take = min(len(rows), POPULAR_POOL + len(context.excluded_songs))
        best = np.argpartition(-model.popularity[rows], take - 1)[:take] if take else []
        rows = rows[best]
    top = float(model.popularity[rows].max()) if len(rows) else 0.0
    scores: Scores = {}
    for row in rows.tolist():
        share = float(np.log1p(model.popularity[row]) / np.log1p(top)) if top > 0 else 0.0
        scores[int(model.song_ids[row])] = (share, ("popular",))
    return scores


def explore(context: PartyContext, algorithm: Algorithm) -> Scores:
    """After a low rating: random tracks from playlists the low-rated track is not in.

    Without a crate: random playlists without the track, a random track of each. With
    a crate (often a few playlists' worth): the crate's tracks in random order, each
    taken when one of its playlists is without the low-rated track. The draw is seeded
    by the event, the track and how many rated it, so every process (and every refresh
    until the next rating) proposes the same picks.
    """
    low = context.low_rated
    model = context.model
    if low is None or model.playlists == 0:
        return {}
    row = int(model.rows_of([low.song_id])[0])
    draw = random.Random(f"{context.event_id}:{low.song_id}:{context.ratings_of_low_rated}")
    reason = ("explore", low.title)
    if context.on_offer.crate is not None:
        crate = sorted(context.on_offer.crate - context.excluded_songs - {low.song_id})
        draw.shuffle(crate)
        scores: Scores = {}
        for song, at in zip(crate, model.rows_of(crate).tolist(), strict=True):
            if at >= 0 and _in_a_playlist_without(model, at, row):
                scores[song] = (1.0, reason)
                if len(scores) == EXPLORE_PICKS:
                    break
        return scores
    scores = {}
    for _ in range(EXPLORE_PLAYLISTS):
        if len(scores) >= EXPLORE_PICKS:
            break
        number = draw.randrange(model.playlists)
        if row >= 0 and model.holds(number, row):
            continue
        tracks = [
            song for song in model.song_ids[model.playlist(number)].tolist() if song not in context.excluded_songs
        ]
        if tracks:
            scores[draw.choice(tracks)] = (1.0, reason)
    return scores


def _in_a_playlist_without(model: SimilarityModel, row: int, low_row: int) -> bool:
    return any(low_row < 0 or not model.holds(number, low_row) for number in model.playlists_of(row).tolist())
