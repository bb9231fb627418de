"""The offline evaluation: its metrics, the synthetic generator's plant, and the command."""

from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command

from liveparty.recommend.evaluation import Dataset, Scores, evaluate, varied
from liveparty.recommend.synthetic import generate


def test_the_metrics_on_a_ranking_worked_by_hand():
    scores = Scores()
    scores.add(np.array([5, 1, 7, 2, 9, 8, 3, 4, 6, 0]), {1, 2, 42})
    summary = scores.summary()
    assert summary["R-precision"] == pytest.approx(1 / 3)  # top 3: 5, 1, 7 -> one of three hidden
    ideal = 1 + 1 / np.log2(3) + 1 / np.log2(4)
    assert summary["NDCG@10"] == pytest.approx((1 / np.log2(3) + 1 / np.log2(5)) / ideal)
    assert summary["hit-rate@10"] == 1.0


def test_variety_counts_the_artists_and_albums_of_the_first_ten():
    artists = ["a"] * 6 + ["b"] * 6
    albums = ["x"] * 3 + ["y"] * 3 + ["z"] * 6
    dataset = Dataset("hand-made", 12, [], artists=artists, albums=albums)
    scores = Scores()
    scores.add(np.arange(12), {0}, dataset)  # top ten: a/x x3, a/y x3, b/z x4
    summary = scores.summary()
    assert (summary["artists@10"], summary["albums@10"]) == (2, 3)
    assert Scores().summary()["artists@10"] is None


def test_the_varied_ranking_holds_back_what_fills_a_list_with_one_album():
    artists = ["a"] * 8 + [f"other {i}" for i in range(8)]
    albums = ["one"] * 8 + [f"lp {i}" for i in range(8)]
    dataset = Dataset("hand-made", 16, [], artists=artists, albums=albums)
    ranked = varied(np.arange(16), dataset)
    assert ranked[:10].tolist() == [0, 1, *range(8, 16)]
    assert sorted(ranked.tolist()) == list(range(16))
    alone = Dataset("one album", 8, [], artists=artists[:8], albums=albums[:8])
    assert varied(np.arange(8), alone).tolist() == list(range(8))  # nothing else: the album it is


def test_the_generator_plants_scenes_and_is_repeatable():
    made = generate(2_000, 3_000, seed=3)
    again = generate(2_000, 3_000, seed=3)
    assert np.array_equal(made.members, again.members)
    same_scene = [np.bincount(made.scene_of[made.playlist(i)]).max() / len(made.playlist(i)) for i in range(300)]
    assert np.mean(same_scene) > 0.7  # most of a playlist is its scene
    assert all(len(set(made.playlist(i).tolist())) == len(made.playlist(i)) for i in range(300))


def test_on_planted_structure_co_occurrence_beats_popularity():
    made = generate(3_000, 8_000, seed=5)
    dataset = Dataset("SYNTHETIC", made.tracks, made.as_lists(), genres=made.genres())
    results = evaluate(dataset, test_playlists=200)
    ours, baseline = results["co-occurrence (this engine)"], results["popularity"]
    assert ours["playlists"] == baseline["playlists"] > 150
    assert ours["NDCG@10"] > 2 * baseline["NDCG@10"]
    assert results["implicit ALS"]["playlists"] == baseline["playlists"]
    assert 0 < results["implicit ALS"]["NDCG@10"] <= 1


def test_the_command_reports_a_table_per_dataset_and_labels_the_synthetic_one(scenes):
    out = StringIO()
    call_command("evaluate_recommender", "--synthetic-tracks", "1000", "--synthetic-playlists", "2000", stdout=out)
    text = out.getvalue()
    assert "bundled catalog" in text
    assert "SYNTHETIC (1000 tracks, 2000 playlists" in text
    methods = ("popularity", "co-occurrence (this engine)", "co-occurrence with variety (suggestions)", "implicit ALS")
    for method in methods:
        assert text.count(f"| {method} |") == 2
    assert text.count("| artists in 10 | albums in 10 |") == 2
