"""Track coefficients: the original scaling, per-type factors, and what teaches them."""

import pytest
from django.utils.module_loading import import_string

from liveparty import actions
from liveparty.recommend.coefficients import coefficient_of, coefficients, evidence_of, scaling
from liveparty.recommend.models import Algorithm, ScalingFactors, TrackCoefficient
from tests.committed import committed


def test_the_original_scaling_starts_at_a_half_and_rises_towards_one():
    assert scaling(0) == 0.5
    assert scaling(1) == pytest.approx(2 / 3)
    assert scaling(3) == pytest.approx(0.8)
    assert 0.99 < scaling(1000) < 1


@pytest.mark.parametrize("evidence", [-7.5, -1.0, -0.2, 0.0, 0.3, 2.0, 40.0])
def test_a_coefficient_is_the_scaling_signed_and_centred(evidence):
    assert coefficient_of(evidence) == pytest.approx(evidence / (2 + abs(evidence)))
    assert -1 < coefficient_of(evidence) < 1
    assert coefficient_of(-evidence) == pytest.approx(-coefficient_of(evidence))


def test_evidence_uses_the_factors_of_the_type():
    factors = ScalingFactors(algorithm_type="rating", like=1.0, dislike=1.5, pivot=3)
    assert evidence_of(5, factors) == 2.0
    assert evidence_of(3, factors) == 0.0
    assert evidence_of(1, factors) == -3.0


def play(event, dj, guest, song):
    song_request = actions.request_song(guest, song.pk)
    return actions.play(event, dj, song_request.pk)


def test_a_rating_teaches_the_event_the_guest_and_the_djs_account(event, dj, guest, song):
    play(event, dj, guest, song)
    committed(actions.rate, guest, 5)
    factors = ScalingFactors.objects.get(algorithm_type="rating")
    expected = coefficient_of(evidence_of(5, factors))
    assert coefficients("crowd-ratings", {"event_id": event.pk}) == {song.pk: pytest.approx(expected)}
    assert coefficients("guest-taste", {"guest_id": guest.pk}) == {song.pk: pytest.approx(expected)}
    assert coefficients("dj-taste", {"account_id": dj.pk}) == {song.pk: pytest.approx(expected)}


def test_scaling_factors_are_data_per_type_not_code(event, dj, guest, song):
    ScalingFactors.objects.filter(algorithm_type="rating").update(dislike=4.0)
    play(event, dj, guest, song)
    committed(actions.rate, guest, 2)
    assert coefficients("crowd-ratings", {"event_id": event.pk})[song.pk] == pytest.approx(coefficient_of(-4.0))


def test_rating_again_replaces_the_first_rating(event, dj, guest, song):
    play(event, dj, guest, song)
    committed(actions.rate, guest, 1)
    committed(actions.rate, guest, 5)
    factors = ScalingFactors.objects.get(algorithm_type="rating")
    learned = coefficients("crowd-ratings", {"event_id": event.pk})[song.pk]
    assert learned == pytest.approx(coefficient_of(evidence_of(5, factors)))


def test_ratings_of_a_crowd_add_up_with_diminishing_effect(event, dj, guest, guest2, guest3, song):
    play(event, dj, guest, song)
    seen = []
    for rater in (guest, guest2, guest3):
        committed(actions.rate, rater, 5)
        seen.append(coefficients("crowd-ratings", {"event_id": event.pk})[song.pk])
    assert seen[0] < seen[1] < seen[2] < 1
    assert seen[1] - seen[0] > seen[2] - seen[1]


def test_an_unrated_track_counts_as_zero_and_the_best_come_first(event, dj, guest, guest2, songs):
    play(event, dj, guest, songs[0])
    committed(actions.rate, guest, 2)
    play(event, dj, guest2, songs[1])
    committed(actions.rate, guest2, 5)
    learned = coefficients("crowd-ratings", {"event_id": event.pk})
    assert list(learned) == [songs[1].pk, songs[0].pk]
    assert songs[2].pk not in learned
    assert [c.song_id for c in TrackCoefficient.objects.filter(scope="event")] == [songs[1].pk, songs[0].pk]


def test_a_denial_is_a_negative_signal_for_that_event_only(event, dj, guest, song):
    song_request = actions.request_song(guest, song.pk)
    committed(actions.deny, event, dj, song_request.pk)
    factors = ScalingFactors.objects.get(algorithm_type="feedback")
    learned = coefficients("dj-feedback", {"event_id": event.pk})
    assert learned == {song.pk: pytest.approx(coefficient_of(-factors.dislike))}
    assert not TrackCoefficient.objects.filter(algorithm__name="dj-feedback").exclude(event=event).exists()


def test_a_disabled_algorithm_learns_nothing(event, dj, guest, song):
    Algorithm.objects.filter(name="guest-taste").update(enabled=False)
    play(event, dj, guest, song)
    committed(actions.rate, guest, 4)
    assert not TrackCoefficient.objects.filter(algorithm__name="guest-taste").exists()
    assert TrackCoefficient.objects.filter(algorithm__name="crowd-ratings").exists()


def test_the_registry_names_each_algorithm_with_its_callable(db):
    algorithms = list(Algorithm.objects.all())
    assert {a.name for a in algorithms} >= {"now-playing", "crowd-ratings", "popular", "explore", "crowd-mood"}
    for algorithm in algorithms:
        assert callable(import_string(algorithm.callable)), algorithm.name
        assert algorithm.description
    assert set(ScalingFactors.objects.values_list("algorithm_type", flat=True)) == {
        a.algorithm_type for a in algorithms
    }
