"""The recap's figures against the night worked out by hand (conftest.py)."""

from datetime import timedelta

from liveparty import actions
from liveparty.actions import end_event
from liveparty.recap.services import my_night, party_recap
from liveparty.recap.timeline import Timeline
from tests.nights import START, at, seed_selfies


def titles(rows: list[dict]) -> list[str]:
    return [row["song"]["title"] for row in rows]


def test_it_counts_who_joined_and_who_took_part(night):
    assert party_recap(night.event)["guests"] == {"joined": 4, "took_part": 3}


def test_it_ranks_the_most_requested_with_ties_to_the_first_asked(night):
    rows = party_recap(night.event)["most_requested"]
    assert [(row["song"]["title"], row["asks"], row["played"]) for row in rows] == [
        ("Dancing Queen", 3, True),
        ("Billie Jean", 2, False),
        ("Mr. Brightside", 2, False),
    ]


def test_it_lists_what_played_in_order_with_who_asked_first_and_how_many(night):
    played = party_recap(night.event)["played"]
    keys = ("played_at", "requested_by", "picked_by", "asks")
    assert [(row["song"]["title"], *(row[key] for key in keys)) for row in played] == [
        ("Dancing Queen", "2026-12-05T20:30:00.000000Z", "Gina", None, 3),
        ("Hey Ya!", "2026-12-05T20:50:00.000000Z", None, "DJ Dave", 0),
    ]


def test_it_ranks_the_top_rated_with_more_ratings_winning_a_tie(night):
    rows = party_recap(night.event)["top_rated"]
    assert [(row["song"]["title"], row["average"], row["ratings"]) for row in rows] == [
        ("Hey Ya!", 5.0, 1),
        ("Dancing Queen", 4.5, 2),
    ]


def test_it_counts_requests_in_slices_of_the_night_and_names_the_busiest(night):
    recap = party_recap(night.event)
    assert recap["timeline"]["slice_minutes"] == 5
    assert len(recap["timeline"]["starts"]) == 24
    assert recap["timeline"]["starts"][0] == "2026-12-05T20:00:00.000000Z"
    expected = [0] * 24
    expected[0], expected[1], expected[6], expected[8] = 3, 2, 2, 1  # the withdrawn ask was a request too
    assert recap["requests_over_time"] == expected
    assert recap["busiest"] == [
        {"at": "2026-12-05T20:00:00.000000Z", "requests": 3},
        {"at": "2026-12-05T20:05:00.000000Z", "requests": 2},
        {"at": "2026-12-05T20:30:00.000000Z", "requests": 2},
    ]


def test_it_sums_up_the_moods_over_the_night(night):
    recap = party_recap(night.event)
    assert recap["mood"]["readings"] == 3
    third = 0.3333
    assert recap["mood"]["distribution"] == {"happy": third, "energetic": third, "chill": third, "sad": 0, "tense": 0}
    over_time = recap["mood_over_time"]
    assert {mood: [i for i, n in enumerate(counts) if n] for mood, counts in over_time.items()} == {
        "happy": [2],
        "energetic": [7],
        "chill": [7],
        "sad": [],
        "tense": [],
    }


def test_a_guests_night_says_what_became_of_each_request(night):
    gina = my_night(night.gina)
    assert [(row["song"]["title"], row["status"], row["outcome"]) for row in gina["requests"]] == [
        ("Dancing Queen", "played", "played"),
        ("Mr. Brightside", "cancelled", "not played: the party ended"),
        ("Le Freak", "withdrawn", "withdrawn"),
    ]
    assert [(row["song"]["title"], row["score"]) for row in gina["ratings"]] == [("Dancing Queen", 5)]
    assert [(row["mood"], row["source"], row["camera_mood"]) for row in gina["moods"]] == [
        ("happy", "tap", None),
        ("energetic", "tap", None),
    ]
    gus = my_night(night.gus)
    assert [(row["song"]["title"], row["outcome"]) for row in gus["requests"]] == [
        ("Dancing Queen", "played"),
        ("Billie Jean", "not tonight (the DJ passed)"),
    ]


def test_a_guest_who_did_nothing_has_an_empty_night(night):
    assert my_night(night.quinn) == {"nickname": "Quinn", "requests": [], "ratings": [], "moods": []}


def test_an_empty_party_has_a_recap_of_nothing(event, host):
    end_event(event, host)
    recap = party_recap(event)
    assert recap["guests"] == {"joined": 0, "took_part": 0}
    assert (recap["most_requested"], recap["played"], recap["top_rated"], recap["busiest"]) == ([], [], [], [])
    assert set(recap["requests_over_time"]) == {0}
    assert recap["mood"] is None
    assert all(set(counts) == {0} for counts in recap["mood_over_time"].values())


def test_a_party_without_moods_has_no_mood_summary(event, host, guest, song):
    actions.request_song(guest, song.pk)
    end_event(event, host)
    recap = party_recap(event)
    assert recap["mood"] is None
    assert recap["guests"] == {"joined": 1, "took_part": 1}


def test_the_timeline_picks_a_round_slice_for_the_partys_length():
    assert Timeline.spanning(START, START + timedelta(minutes=20)).width == timedelta(minutes=5)
    six_hours = Timeline.spanning(START, START + timedelta(hours=6))
    assert (six_hours.width, six_hours.count) == (timedelta(minutes=15), 24)
    night = Timeline.spanning(at(21, 7), at(21, 7) + timedelta(hours=10))
    assert (night.start, night.width) == (at(21, 0), timedelta(minutes=30))  # a slice starts on the half hour
    minutes = [night.start + timedelta(minutes=offset) for offset in (0, 29, 30, 599)]
    assert [night.slice_of(minute) for minute in minutes] == [0, 0, 1, 19]
    assert night.slice_of(night.start - timedelta(hours=1)) == 0  # a skewed clock counts in the first slice


def test_a_guests_night_holds_what_they_said_of_the_camera(night):
    seed_selfies(night)
    moods = my_night(night.greta)["moods"]
    assert [(row["mood"], row["camera_mood"], row["confirmed"]) for row in moods] == [
        ("happy", "happy", True),
        ("sad", "chill", True),
    ]
