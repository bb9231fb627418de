"""The recap and the mood statistics cost the same number of queries for a party of five
requests and one of thousands of asks: every figure is an aggregate."""

from zoneinfo import ZoneInfo

import pytest

from liveparty.accounts.models import Guest
from liveparty.catalog.models import Song
from liveparty.mood.models import MoodReading
from liveparty.recap.services import my_night, party_recap
from liveparty.recap.statistics import mood_statistics
from liveparty.song_requests.models import Ask, Rating, SongRequest, Status

# What party_recap and my_night may cost, whatever the party's size.
RECAP_QUERIES = 9
MY_NIGHT_QUERIES = 3
STATISTICS_QUERIES = 9
MOODS = ["happy", "chill", "tense"]


def crowd(event, guests: int, songs: int) -> list[Guest]:
    """A big night in bulk: every guest asks for every song (in one of three moods), rates
    the played ones, tells moods."""
    people = Guest.objects.bulk_create(
        Guest(event=event, nickname=f"Guest {i}", nickname_key=f"guest {i}", token_hash=f"h{i}") for i in range(guests)
    )
    catalog = Song.objects.bulk_create(Song(title=f"Song {i}", artist=f"Band {i % 7}") for i in range(songs))
    requests = SongRequest.objects.bulk_create(
        SongRequest(
            event=event,
            song=song,
            match_key=f"song {i}",
            status=Status.PLAYED if i % 2 else Status.CANCELLED,
            ask_count=guests,
            requested_by=people[0],
            played_at=event.started_at if i % 2 else None,
            crowd_mood="happy" if i % 2 else "",
        )
        for i, song in enumerate(catalog)
    )
    Ask.objects.bulk_create(
        Ask(song_request=song_request, guest=guest, asked_at=event.started_at, asker_mood=MOODS[i % len(MOODS)])
        for song_request in requests
        for i, guest in enumerate(people)
    )
    Rating.objects.bulk_create(
        Rating(song_request=song_request, guest=guest, score=1 + guest.pk % 5)
        for song_request in requests
        if song_request.played_at
        for guest in people
    )
    MoodReading.objects.bulk_create(MoodReading(guest=guest, mood="happy") for guest in people for _ in range(3))
    return people


@pytest.mark.parametrize(("guests", "songs"), [(3, 4), (60, 40)])
def test_the_recap_costs_the_same_queries_at_any_size(django_assert_max_num_queries, event, host, guests, songs):
    people = crowd(event, guests, songs)
    with django_assert_max_num_queries(RECAP_QUERIES):
        recap = party_recap(event)
    assert recap["guests"]["took_part"] == guests
    assert len(recap["played"]) == songs // 2
    with django_assert_max_num_queries(MY_NIGHT_QUERIES):
        night = my_night(people[-1])
    assert len(night["requests"]) == songs
    with django_assert_max_num_queries(STATISTICS_QUERIES):
        stats = mood_statistics(host, "mine", "week", ZoneInfo("Europe/Berlin"))
    assert stats["readings"] == 3 * guests
    assert len(stats["songs"]["top"]["happy"]) == min(songs, 10)
    assert len(stats["songs"]["trending"]["moods"]["tense"]) == min(songs, 5)
