"""The crowd's mood: decayed with a half-life, one voice per guest, published with hysteresis."""

from datetime import timedelta

import pytest
from django.utils import timezone

from liveparty.actions import join_event, tell_mood
from liveparty.mood.crowd import HALF_LIFE, HORIZON, changed_materially, crowd_mood, published_mood
from liveparty.mood.models import MoodReading
from liveparty.updates.models import Kind, Update


def guests(event, count):
    return [join_event(event, f"Guest {number}")[0] for number in range(count)]


def reading_at(guest, mood, age, confidence=1.0):
    reading = MoodReading.objects.create(guest=guest, mood=mood, confidence=confidence)
    MoodReading.objects.filter(pk=reading.pk).update(created_at=timezone.now() - age)


def test_nobody_told_no_mood(event):
    assert crowd_mood(event.pk) is None
    assert published_mood(event.pk) is None


def test_a_reading_one_half_life_old_weighs_half(event):
    fresh, old = guests(event, 2)
    reading_at(fresh, "chill", timedelta(0))
    reading_at(old, "energetic", HALF_LIFE)
    mood = crowd_mood(event.pk)
    assert mood["mood"] == "chill"
    assert mood["distribution"]["chill"] == pytest.approx(2 / 3, abs=1e-3)
    assert mood["distribution"]["energetic"] == pytest.approx(1 / 3, abs=1e-3)


def test_readings_past_the_horizon_are_forgotten(event):
    (guest,) = guests(event, 1)
    reading_at(guest, "sad", HORIZON + timedelta(minutes=1))
    assert crowd_mood(event.pk) is None


def test_confidence_weighs_a_reading(event):
    sure, unsure = guests(event, 2)
    reading_at(sure, "happy", timedelta(0), confidence=0.9)
    reading_at(unsure, "tense", timedelta(0), confidence=0.3)
    assert crowd_mood(event.pk)["distribution"]["happy"] == pytest.approx(0.75, abs=1e-3)


def test_one_guest_is_one_voice_however_often_they_tap(event):
    keen, calm = guests(event, 2)
    for _ in range(5):
        tell_mood(keen, "energetic")
    tell_mood(calm, "chill")
    assert crowd_mood(event.pk)["distribution"]["energetic"] == pytest.approx(0.5, abs=1e-3)


def test_the_published_mood_moves_with_hysteresis_not_on_every_tap(event):
    crowd = guests(event, 12)
    for guest in crowd[:10]:
        tell_mood(guest, "energetic")
    published = Update.objects.filter(event=event, kind=Kind.CROWD_MOOD_CHANGED)
    assert published.count() == 1  # the first reading; nine more of the same changed nothing
    tell_mood(crowd[10], "chill")  # 1 in 11 chill: a small move
    assert published.count() == 1
    for guest in crowd[:6]:
        tell_mood(guest, "chill")  # now 7 chill, 4 energetic, 1 silent
    assert published.count() >= 2
    assert published_mood(event.pk)["mood"] == "chill"


@pytest.mark.parametrize(
    ("before", "after", "material"),
    [
        (None, {"happy": 1.0}, True),
        ({"happy": 0.5, "chill": 0.5}, {"happy": 0.52, "chill": 0.48}, False),
        ({"happy": 0.55, "chill": 0.45}, {"happy": 0.47, "chill": 0.53}, False),  # a new leader by too little
        ({"happy": 0.7, "chill": 0.3}, {"happy": 0.4, "chill": 0.6}, True),
    ],
)
def test_what_counts_as_a_material_change(before, after, material):
    def mood(distribution):
        if distribution is None:
            return None
        return {"mood": max(distribution, key=distribution.get), "distribution": distribution}

    assert changed_materially(mood(before), mood(after)) is material
