import json

from django.test import Client

from liveparty.actions import end_event
from liveparty.song_requests.models import SongRequest
from liveparty.song_requests.services import MAX_OPEN_REQUESTS
from tests.api.conftest import account_headers, assert_error, guest_headers


def test_a_guest_requests_a_song(api, event, song):
    status, body = api.post(f"/api/events/{event.code}/requests", {"song_id": song.pk}, guest_headers(event, "Gina"))
    assert status == 201
    song_request = body["request"]
    assert (
        song_request["status"],
        song_request["asks"],
        song_request["requested_by"],
        song_request["position"],
    ) == ("pending", 1, "Gina", None)
    assert song_request["song"]["title"] == song.title


def test_a_second_guest_adds_an_ask(api, event, song):
    api.post(f"/api/events/{event.code}/requests", {"song_id": song.pk}, guest_headers(event, "Gina"))
    _, body = api.post(f"/api/events/{event.code}/requests", {"song_id": song.pk}, guest_headers(event, "Gus"))
    assert body["request"]["asks"] == 2
    assert SongRequest.objects.count() == 1


def test_it_answers_rate_limited_with_retry_after(api, event, songs, client):
    headers = guest_headers(event, "Gina")
    for song in songs[:MAX_OPEN_REQUESTS]:
        api.post(f"/api/events/{event.code}/requests", {"song_id": song.pk}, headers)
    response = client.post(
        f"/api/events/{event.code}/requests",
        json.dumps({"song_id": songs[MAX_OPEN_REQUESTS].pk}),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "rate_limited"
    assert error["retry_after"] > 0
    assert response["Retry-After"] == str(error["retry_after"])


def test_only_guests_request(api, event, dj, song):
    result = api.post(f"/api/events/{event.code}/requests", {"song_id": song.pk}, account_headers(dj))
    assert_error(result, 403, "forbidden")


def test_it_answers_not_found_for_an_unknown_song(api, event):
    result = api.post(f"/api/events/{event.code}/requests", {"song_id": 999_999}, guest_headers(event, "Gina"))
    assert_error(result, 404, "not_found")


def test_it_answers_event_ended(api, event, host, song):
    headers = guest_headers(event, "Gina")
    end_event(event, host)
    assert_error(api.post(f"/api/events/{event.code}/requests", {"song_id": song.pk}, headers), 410, "event_ended")


def test_it_refuses_bad_bodies(api, event):
    headers = guest_headers(event, "Gina")
    for body in ({}, {"song_id": "1"}, {"song_id": 0}, {"song_id": None}, {"song_id": 1.5}):
        assert_error(api.post(f"/api/events/{event.code}/requests", body, headers), 400, "invalid")


def test_a_browser_session_needs_the_csrf_token(event, song):
    browser = Client(enforce_csrf_checks=True)
    browser.get(f"/e/{event.code}/")
    token = browser.cookies["csrftoken"].value
    joined = browser.post(
        f"/api/events/{event.code}/guests",
        json.dumps({"nickname": "Gina"}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert joined.status_code == 201
    path, body = f"/api/events/{event.code}/requests", json.dumps({"song_id": song.pk})
    refused = browser.post(path, body, content_type="application/json")
    assert (refused.status_code, refused.json()["error"]["code"]) == (403, "forbidden")
    accepted = browser.post(path, body, content_type="application/json", headers={"X-CSRFToken": token})
    assert accepted.status_code == 201
