import pytest

from liveparty.actions import end_event, tell_mood
from liveparty.errors import EventEnded, Invalid
from liveparty.mood.models import MoodReading


def test_it_records_a_tapped_mood(event, guest):
    reading = tell_mood(guest, "energetic")
    assert (reading.guest, reading.mood, reading.source) == (guest, "energetic", "tap")
    assert MoodReading.objects.count() == 1


def test_it_refuses_an_unknown_mood(event, guest):
    with pytest.raises(Invalid):
        tell_mood(guest, "hangry")


def test_it_refuses_after_the_end(event, host, guest):
    end_event(event, host)
    with pytest.raises(EventEnded):
        tell_mood(guest, "chill")
