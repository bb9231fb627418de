"""The co-occurrence model: counts, shrinkage, pruning, albums as a weak signal."""

import numpy as np
import pytest

from liveparty.recommend.sessions import sessions_of
from liveparty.recommend.similarity import (
    KIND_WEIGHTS,
    SHRINKAGE,
    SimilarityModel,
    build,
    same_album,
    shared_playlists,
)


def model_of(groups, songs=range(1, 7), neighbours=40):
    ids = np.array(list(songs), dtype=np.int64)
    return build(ids, np.zeros(len(ids)), ["Rock"] * len(ids), sessions_of(groups), neighbours=neighbours)


def neighbours(model, song_id):
    row = model.rows_of([song_id])[0]
    rows, scores, together = model.neighbours_of(row)
    return {int(model.song_ids[r]): (float(s), float(t)) for r, s, t in zip(rows, scores, together, strict=True)}


def test_counts_shared_playlists_and_scores_them_by_cosine_with_shrinkage():
    model = model_of([("playlist", [(1, 1), (1, 2), (2, 1), (2, 2), (2, 3), (3, 1), (3, 3)])])
    of_one = neighbours(model, 1)
    assert shared_playlists(of_one[2][1]) == 2
    assert shared_playlists(of_one[3][1]) == 2
    # Song 1 is in 3 playlists, 2 and 3 in 2 each: 2 / (sqrt(3 * 2) + shrinkage).
    assert of_one[2][0] == pytest.approx(2 / (np.sqrt(6) + SHRINKAGE), rel=1e-5)
    assert 4 not in of_one  # never together: no neighbour


def test_neighbours_are_best_first_and_cut_to_k():
    pairs = [(1, 1), (1, 2), (2, 1), (2, 2), (3, 1), (3, 2), (4, 1), (4, 3), (5, 1), (5, 4)]
    model = model_of([("playlist", pairs)], neighbours=2)
    row = model.rows_of([1])[0]
    rows, scores, _ = model.neighbours_of(row)
    assert len(rows) == 2
    assert list(scores) == sorted(scores, reverse=True)
    assert int(model.song_ids[rows[0]]) == 2  # together twice, the others once


def test_an_album_is_a_weak_signal_that_still_reads_as_same_album():
    model = model_of([("playlist", [(1, 1), (1, 3)]), ("album", [("A", 1), ("A", 2)])])
    of_one = neighbours(model, 1)
    weight = of_one[2][1]
    assert weight == pytest.approx(KIND_WEIGHTS["album"])
    assert same_album(weight)
    assert shared_playlists(weight) == 0
    assert of_one[3][0] > of_one[2][0]  # a shared playlist beats a shared album
    assert not same_album(of_one[3][1])


def test_libraries_too_long_to_mean_anything_are_left_out():
    everything = [(1, song) for song in range(1, 602)]
    model = model_of([("playlist", everything)], songs=range(1, 602))
    assert model.stats["sessions"] == 0
    assert len(model.neighbours) == 0


def test_blocks_of_rows_give_the_same_model_as_one_block(monkeypatch):
    rng = np.random.default_rng(3)
    pairs = [(int(p), int(s)) for p in range(200) for s in rng.choice(np.arange(1, 301), 8, replace=False)]
    whole = model_of([("playlist", pairs)], songs=range(1, 301))
    monkeypatch.setattr("liveparty.recommend.similarity.BLOCK_ROWS", 37)
    blocked = model_of([("playlist", pairs)], songs=range(1, 301))
    assert np.array_equal(whole.indptr, blocked.indptr)
    assert np.array_equal(whole.neighbours, blocked.neighbours)
    assert np.allclose(whole.scores, blocked.scores)


def test_the_model_survives_a_round_trip_through_its_file(tmp_path):
    model = model_of([("playlist", [(1, 1), (1, 2), (2, 2), (2, 3)])])
    model.save(tmp_path / "model.npz")
    loaded = SimilarityModel.load(tmp_path / "model.npz")
    assert neighbours(loaded, 2) == neighbours(model, 2)
    assert loaded.playlists == 2
    assert loaded.holds(0, loaded.rows_of([1])[0])
    assert loaded.stats == model.stats


def test_songs_the_model_has_not_seen_have_no_row():
    model = model_of([("playlist", [(1, 1), (1, 2)])])
    assert list(model.rows_of([2, 99])) == [1, -1]
