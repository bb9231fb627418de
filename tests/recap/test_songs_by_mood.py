"""Songs by mood across an account's parties: each ask keeps its guest's mood of the moment
and each song that plays the crowd's, through the actions as they happen at a party; the
statistics count them, worked out by hand on this night:

1. Gina and Gus tap happy (the crowd's mood is published: happy).
2. Gina requests Dancing Queen, Gus asks for it too; Gus requests Mr. Brightside and Gina
   asks for it; Greta, who told no mood, requests Billie Jean.
3. The DJ plays Dancing Queen (crowd: happy).
4. All three tap chill (crowd: chill).
5. Gina requests Le Freak and Greta asks for it; Gus requests Hey Ya! and withdraws.
6. The DJ plays Billie Jean (crowd: chill). The party ends.
7. Gus's ask for Mr. Brightside is moved 45 days back: out of the last 30 days.
"""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from liveparty import actions
from liveparty.catalog.models import Song
from liveparty.mood.models import MoodReading
from liveparty.recap.statistics import mood_statistics
from liveparty.song_requests.models import Ask, SongRequest
from tests.personas import make_account, make_guest

UTC = ZoneInfo("UTC")


@pytest.fixture
def moody_night(event, host, dj, guest, guest2, guest3, songs):
    queen, billie, brightside, freak, hey_ya = songs[:5]
    actions.tell_mood(guest, "happy")
    actions.tell_mood(guest2, "happy")
    actions.ask(guest2, actions.request_song(guest, queen.pk).pk)
    actions.ask(guest, actions.request_song(guest2, brightside.pk).pk)
    billie_request = actions.request_song(guest3, billie.pk)
    actions.play(event, dj, SongRequest.objects.get(song=queen).pk)
    for person in (guest, guest2, guest3):
        actions.tell_mood(person, "chill")
    actions.ask(guest3, actions.request_song(guest, freak.pk).pk)
    actions.cancel(guest2, actions.request_song(guest2, hey_ya.pk).pk)
    actions.play(event, dj, billie_request.pk)
    actions.end_event(event, host)
    Ask.objects.filter(guest=guest2, song_request__song=brightside).update(asked_at=timezone.now() - timedelta(days=45))
    return songs


def titles(rows: list[dict]) -> list[tuple[str, int]]:
    return [(row["song"]["title"], row["asks"]) for row in rows]


def test_an_ask_keeps_the_mood_its_guest_told_last(moody_night, guest, guest2, guest3):
    moods = {
        (ask.guest.nickname, ask.song_request.song.title): ask.asker_mood
        for ask in Ask.objects.select_related("guest", "song_request__song")
    }
    assert moods == {
        ("Gina", "Dancing Queen"): "happy",
        ("Gus", "Dancing Queen"): "happy",
        ("Gus", "Mr. Brightside"): "happy",
        ("Gina", "Mr. Brightside"): "happy",
        ("Greta", "Billie Jean"): "",  # she had told none
        ("Gina", "Le Freak"): "chill",
        ("Greta", "Le Freak"): "chill",
        ("Gus", "Hey Ya!"): "chill",
    }


def test_a_mood_told_long_ago_is_not_the_mood_of_an_ask(event, guest, songs):
    reading = actions.tell_mood(guest, "happy")
    MoodReading.objects.filter(pk=reading.pk).update(created_at=timezone.now() - timedelta(minutes=41))
    actions.request_song(guest, songs[0].pk)
    assert Ask.objects.get().asker_mood == ""


def test_a_song_keeps_the_crowds_mood_as_it_started(moody_night):
    played = SongRequest.objects.filter(played_at__isnull=False).order_by("played_at")
    assert [(row.song.title, row.crowd_mood) for row in played] == [
        ("Dancing Queen", "happy"),
        ("Billie Jean", "chill"),
    ]


def test_a_song_played_before_anybody_told_a_mood_has_none(event, dj, guest, songs):
    song_request = actions.request_song(guest, songs[0].pk)
    actions.play(event, dj, song_request.pk)
    assert SongRequest.objects.get().crowd_mood == ""


def test_it_counts_the_songs_played_in_each_mood_of_the_crowd(moody_night, host):
    played = mood_statistics(host, "mine", "week", UTC)["songs"]["played"]
    assert played == {"happy": 1, "energetic": 0, "chill": 1, "sad": 0, "tense": 0}


def test_it_averages_the_songs_requested_per_guest_in_each_mood(moody_night, host):
    requested = mood_statistics(host, "mine", "week", UTC)["songs"]["requested"]
    # Happy: four asks by the two guests who told it. Chill: two asks (the withdrawn one
    # left out) by the three who told it. No one told the other moods.
    assert requested["happy"] == {"asks": 4, "guests": 2, "per_guest": 2.0}
    assert requested["chill"] == {"asks": 2, "guests": 3, "per_guest": 0.67}
    assert requested["sad"] == {"asks": 0, "guests": 0, "per_guest": None}


def test_it_ranks_the_top_songs_of_each_mood(moody_night, host):
    top = mood_statistics(host, "mine", "week", UTC)["songs"]["top"]
    # A tie (two asks each) goes to the song the catalog lists first.
    assert titles(top["happy"]) == [("Dancing Queen", 2), ("Mr. Brightside", 2)]
    assert titles(top["chill"]) == [("Le Freak", 2)]
    assert top["tense"] == []


def test_the_top_ten_stops_at_ten_songs_a_mood(event, host, songs):
    many = [Song.objects.create(title=f"Song {i}", artist="Band") for i in range(12)]
    for i, song in enumerate(many):
        guest = make_guest(event, f"Fan {i}")
        actions.tell_mood(guest, "energetic")
        actions.request_song(guest, song.pk)
    top = mood_statistics(host, "mine", "week", UTC)["songs"]["top"]["energetic"]
    assert titles(top) == [(f"Song {i}", 1) for i in range(10)]


def test_the_trending_songs_are_the_last_thirty_days_by_day(moody_night, host):
    now = timezone.now()
    trending = mood_statistics(host, "mine", "week", UTC, now=now)["songs"]["trending"]
    assert len(trending["days"]) == 30
    assert trending["days"][-1] == now.date().isoformat()
    assert trending["days"][0] == (now - timedelta(days=29)).date().isoformat()
    # Gus's ask for Mr. Brightside is 45 days old: only Gina's is in the window.
    assert titles(trending["moods"]["happy"]) == [("Dancing Queen", 2), ("Mr. Brightside", 1)]
    assert [row["by_day"] for row in trending["moods"]["happy"]] == [[0] * 29 + [2], [0] * 29 + [1]]
    assert titles(trending["moods"]["chill"]) == [("Le Freak", 2)]


def test_the_trending_days_are_the_viewers_days(moody_night, host):
    """Asks at 23:30 UTC two days ago are on the next day in Berlin (UTC+1 in winter)."""
    late = timezone.now().replace(hour=23, minute=30) - timedelta(days=2)
    Ask.objects.update(asked_at=late)
    now = late + timedelta(days=1, hours=12)
    for zone, day in ((UTC, 27), (ZoneInfo("Europe/Berlin"), 28)):
        trending = mood_statistics(host, "mine", "week", zone, now=now)["songs"]["trending"]
        queen = trending["moods"]["happy"][0]
        assert queen["song"]["title"] == "Dancing Queen"
        assert queen["by_day"] == [0] * day + [2] + [0] * (29 - day)


def test_another_hosts_party_is_not_in_my_songs(moody_night, host):
    olga, dan = make_account("olga", "Olga"), make_account("dan", "Dan")
    party = actions.start_event(olga, "Elsewhere", dan.username)
    eve = make_guest(party, "Eve")
    actions.tell_mood(eve, "tense")
    actions.request_song(eve, moody_night[5].pk)
    songs = mood_statistics(host, "mine", "week", UTC)["songs"]
    assert songs["top"]["tense"] == []
    assert songs["requested"]["tense"]["asks"] == 0
    assert titles(mood_statistics(olga, "mine", "week", UTC)["songs"]["top"]["tense"]) == [(moody_night[5].title, 1)]


def test_an_account_without_parties_has_no_songs_by_mood(db):
    songs = mood_statistics(make_account("nina", "Nina"), "mine", "month", UTC)["songs"]
    assert set(songs["played"].values()) == {0}
    assert all(not rows for rows in songs["top"].values())
    assert all(not rows for rows in songs["trending"]["moods"].values())
