from liveparty import actions
from liveparty.actions import end_event, tell_mood
from tests.api.conftest import assert_error


def test_it_waits_for_the_end(api, event):
    assert_error(api.get(f"/api/events/{event.code}/recap"), 409, "event_live")


def test_it_ranks_the_most_requested_songs(api, event, host, dj, guest, guest2, guest3, songs):
    top = actions.request_song(guest, songs[1].pk)
    actions.ask(guest2, top.pk)
    actions.ask(guest3, top.pk)
    second = actions.request_song(guest2, songs[0].pk)
    actions.ask(guest3, second.pk)
    actions.play(event, dj, second.pk)
    actions.request_song(guest3, songs[2].pk)
    withdrawn = actions.request_song(guest, songs[3].pk)
    actions.cancel(guest, withdrawn.pk)
    end_event(event, host)
    status, body = api.get(f"/api/events/{event.code}/recap")
    assert status == 200
    assert body["event"]["status"] == "ended"
    assert [(row["song"]["title"], row["asks"], row["played"]) for row in body["most_requested"]] == [
        (songs[1].title, 3, False),
        (songs[0].title, 2, True),
        (songs[2].title, 1, False),
    ]
    assert body["mood"] is None  # nobody told a mood


def test_the_recap_sums_up_the_partys_moods(api, event, host, guest, guest2, guest3):
    tell_mood(guest, "energetic")
    tell_mood(guest2, "energetic")
    tell_mood(guest3, "chill")
    end_event(event, host)
    mood = api.get(f"/api/events/{event.code}/recap")[1]["mood"]
    assert mood["readings"] == 3
    assert mood["distribution"]["energetic"] == round(2 / 3, 4)
    assert mood["sources"] == {"tap": 3, "camera": 0}
    assert mood["camera_agreement"] == {"answered": 0, "agreed": 0, "share": None}


def test_it_answers_not_found(api, db):
    assert_error(api.get("/api/events/ZZZZZZ/recap"), 404, "not_found")
