import pytest

from liveparty.actions import end_event
from tests.api.conftest import assert_error, bearer


def test_a_guest_joins_with_a_nickname(api, event):
    status, body = api.post(f"/api/events/{event.code.lower()}/guests", {"nickname": "Gina"})
    assert status == 201
    assert body["nickname"] == "Gina"
    assert isinstance(body["guest_id"], int)
    assert body["token"].startswith("lpg_")
    assert api.get(f"/api/events/{event.code}/songs", bearer(body["token"]))[0] == 200


def test_the_browser_session_remembers_the_guest(api, event, songs):
    api.post(f"/api/events/{event.code}/guests", {"nickname": "Gina"})
    status, body = api.get(f"/api/events/{event.code}/songs")
    assert status == 200
    assert len(body["results"]) == len(songs)


def test_it_answers_nickname_taken(api, event, guest):
    assert_error(api.post(f"/api/events/{event.code}/guests", {"nickname": "gina"}), 409, "nickname_taken")


def test_it_answers_event_ended(api, event, host):
    end_event(event, host)
    assert_error(api.post(f"/api/events/{event.code}/guests", {"nickname": "Late"}), 410, "event_ended")


@pytest.mark.parametrize("body", [{}, {"nickname": ""}, {"nickname": "   "}, {"nickname": 42}, {"nickname": "x" * 41}])
def test_it_refuses_bad_nicknames(api, event, body):
    assert_error(api.post(f"/api/events/{event.code}/guests", body), 400, "invalid")


def test_it_answers_not_found(api, db):
    assert_error(api.post("/api/events/ZZZZZZ/guests", {"nickname": "Gina"}), 404, "not_found")
