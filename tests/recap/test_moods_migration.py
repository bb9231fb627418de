"""The migration that gives asks made before it their guest's mood of the moment, and
songs played before it the crowd's published mood as they started: by the rules the
actions follow from then on (tests/recap/test_songs_by_mood.py)."""

from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.utils import timezone

from liveparty.mood.models import MoodReading
from liveparty.song_requests.models import Ask, SongRequest, Status
from liveparty.updates.models import Kind, Update
from liveparty.updates.services import record

migration = import_module("liveparty.song_requests.migrations.0004_moods_of_asks_and_plays")


def told(guest, mood: str, moment) -> None:
    reading = MoodReading.objects.create(guest=guest, mood=mood)
    MoodReading.objects.filter(pk=reading.pk).update(created_at=moment)


def published(event, mood: str, moment) -> None:
    seq = record(event.pk, Kind.CROWD_MOOD_CHANGED, {"mood": mood})
    Update.objects.filter(event=event, seq=seq).update(created_at=moment)


def test_existing_asks_get_the_mood_their_guest_told_last_lately(event, guest, guest2, guest3, songs):
    asked = timezone.now() - timedelta(hours=1)
    told(guest, "happy", asked - timedelta(minutes=50))
    told(guest, "chill", asked - timedelta(minutes=30))  # Gina's latest: chill
    told(guest2, "happy", asked - timedelta(minutes=60))  # Gus's: too long ago
    told(guest3, "tense", asked + timedelta(minutes=5))  # Greta's: after she asked
    song_request = SongRequest.objects.create(
        event=event, song=songs[0], match_key="queen", ask_count=3, requested_by=guest
    )
    for person in (guest, guest2, guest3):
        Ask.objects.create(song_request=song_request, guest=person, asked_at=asked)

    migration.attribute_moods(apps, None)

    moods = dict(Ask.objects.values_list("guest__nickname", "asker_mood"))
    assert moods == {"Gina": "chill", "Gus": "", "Greta": ""}


def test_songs_played_get_the_crowds_mood_published_before_they_started(event, guest, songs):
    start = timezone.now() - timedelta(hours=2)
    published(event, "happy", start + timedelta(minutes=10))
    published(event, "sad", start + timedelta(minutes=40))
    plays = {}
    for i, minutes in enumerate((5, 20, 50)):
        plays[minutes] = SongRequest.objects.create(
            event=event,
            song=songs[i],
            match_key=f"song {i}",
            status=Status.PLAYED,
            requested_by=guest,
            played_at=start + timedelta(minutes=minutes),
        )
    unplayed = SongRequest.objects.create(
        event=event, song=songs[3], match_key="song 3", status=Status.DENIED, requested_by=guest
    )

    migration.attribute_moods(apps, None)

    assert {minutes: SongRequest.objects.get(pk=row.pk).crowd_mood for minutes, row in plays.items()} == {
        5: "",  # before any mood was published
        20: "happy",
        50: "sad",
    }
    assert SongRequest.objects.get(pk=unplayed.pk).crowd_mood == ""
