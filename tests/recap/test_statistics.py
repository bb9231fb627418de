"""Mood statistics across an account's parties, against the seeded night and its selfies
(tests/nights.py, Saturday 5 December 2026, 20:00 to 22:00 UTC) and another host's party."""

from zoneinfo import ZoneInfo

import pytest

from liveparty.actions import end_event, start_event
from liveparty.errors import Forbidden
from liveparty.mood.models import MoodReading
from liveparty.recap.statistics import mood_statistics
from tests.nights import seed_selfies
from tests.personas import make_account, make_guest

UTC = ZoneInfo("UTC")
BERLIN = ZoneInfo("Europe/Berlin")  # UTC+1 in December


@pytest.fixture
def stats_night(night):
    seed_selfies(night)
    return night


@pytest.fixture
def elsewhere(db):
    """Another host's party: the site's, not Hana's."""
    olga, dan = make_account("olga", "Olga"), make_account("dan", "Dan")
    party = start_event(olga, "Elsewhere", dan.username)
    make_guest(party, "Eve")
    MoodReading.objects.create(guest=party.guests.get(), mood="tense")
    end_event(party, olga)
    return party


def test_it_counts_the_moods_of_my_parties_only(stats_night, elsewhere, host, dj):
    for person in (host, dj):  # hosted, or DJed
        stats = mood_statistics(person, "mine", "week", UTC)
        assert (stats["parties"], stats["readings"]) == (1, 6)
        assert stats["distribution"] == {"happy": 2, "energetic": 1, "chill": 1, "sad": 1, "tense": 1}


def test_the_trends_count_each_mood_per_period_in_the_viewers_zone(stats_night, host):
    weeks = mood_statistics(host, "mine", "week", UTC)["trends"]
    assert weeks["starts"] == ["2026-11-30T00:00:00.000000Z"]  # the week from Monday
    assert weeks["series"]["happy"] == [2]
    days = mood_statistics(host, "mine", "day", BERLIN)["trends"]
    assert days["starts"] == ["2026-12-04T23:00:00.000000Z"]  # Saturday began an hour earlier in Berlin
    assert sum(sum(counts) for counts in days["series"].values()) == 6


def test_the_heatmap_counts_by_weekday_and_hour_in_the_viewers_zone(stats_night, host):
    utc = mood_statistics(host, "mine", "week", UTC)["by_weekday_and_hour"]
    assert (len(utc), {len(row) for row in utc}) == (7, {24})
    assert (utc[5][20], utc[5][21]) == (3, 3)  # Saturday: three at 20:xx, three at 21:xx
    berlin = mood_statistics(host, "mine", "week", BERLIN)["by_weekday_and_hour"]
    assert (berlin[5][21], berlin[5][22]) == (3, 3)
    assert sum(map(sum, berlin)) == 6


def test_it_sets_what_guests_told_beside_what_the_camera_read(stats_night, host):
    camera = mood_statistics(host, "mine", "week", UTC)["camera"]
    assert camera["happy"] == {"agreed": 1, "corrected": 0}
    assert camera["chill"] == {"agreed": 0, "corrected": 1}
    assert camera["tense"] == {"agreed": 0, "corrected": 0}  # never answered: not counted


def test_it_names_the_guests_who_told_their_mood_most(stats_night, host):
    active = mood_statistics(host, "mine", "week", UTC)["most_active"]
    assert [(row["nickname"], row["readings"]) for row in active] == [
        ("Gina", 2),
        ("Greta", 2),
        ("Gus", 1),
        ("Quinn", 1),
    ]
    assert active[0]["party"] == {"name": "Hana's birthday", "code": stats_night.event.code}


def test_the_site_wide_figures_are_for_the_sites_staff(stats_night, elsewhere, host):
    with pytest.raises(Forbidden):
        mood_statistics(host, "site", "week", UTC)
    host.is_staff = True
    host.save()
    stats = mood_statistics(host, "site", "week", UTC)
    assert (stats["parties"], stats["readings"]) == (2, 7)


def test_an_account_without_parties_has_empty_statistics(db):
    stats = mood_statistics(make_account("nina", "Nina"), "mine", "month", UTC)
    assert (stats["parties"], stats["readings"], stats["trends"]["starts"], stats["most_active"]) == (0, 0, [], [])
    assert set(map(sum, stats["by_weekday_and_hour"])) == {0}
