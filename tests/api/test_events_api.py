import pytest

from liveparty.events.models import Event
from tests.api.conftest import account_headers, assert_error, bearer, guest_headers


def test_it_starts_an_event_with_the_caller_as_main_dj(api, host):
    status, body = api.post("/api/events", {"name": "Rooftop"}, account_headers(host))
    assert status == 201
    assert body["status"] == "live"
    assert body["name"] == "Rooftop"
    assert body["host"] == {"username": "hana", "display_name": "Hana"}
    assert body["djs"] == [{"username": "hana", "display_name": "Hana", "role": "main"}]
    assert body["join_url"] == f"http://testserver/e/{body['code']}/"
    assert Event.objects.get(code=body["code"]).host == host


def test_it_starts_an_event_with_a_named_main_dj(api, host, dj):
    _, body = api.post("/api/events", {"name": "Rooftop", "main_dj": dj.username}, account_headers(host))
    assert [d["username"] for d in body["djs"]] == ["dave"]


def test_it_answers_dj_busy(api, event, outsider, dj):
    assert_error(
        api.post("/api/events", {"name": "Clash", "main_dj": dj.username}, account_headers(outsider)), 409, "dj_busy"
    )


def test_it_answers_not_found_for_an_unknown_dj(api, host):
    assert_error(
        api.post("/api/events", {"name": "Rooftop", "main_dj": "nobody"}, account_headers(host)), 404, "not_found"
    )


@pytest.mark.parametrize(
    "headers",
    [{}, bearer("lpa_not-a-real-token"), {"Authorization": "Basic aGFuYTpwdw=="}, {"Authorization": "Bearer"}],
)
def test_it_needs_an_account(api, db, headers):
    assert_error(api.post("/api/events", {"name": "Rooftop"}, headers), 401, "unauthenticated")


def test_a_guest_token_is_not_an_account(api, event):
    assert_error(api.post("/api/events", {"name": "Mine"}, guest_headers(event, "Gina")), 401, "unauthenticated")


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": 7}, {"name": "x" * 121}, {"name": "ok", "main_dj": 3}])
def test_it_refuses_bad_bodies(api, host, body):
    assert_error(api.post("/api/events", body, account_headers(host)), 400, "invalid")


def test_it_shows_public_event_info_to_anyone(api, event):
    status, body = api.get(f"/api/events/{event.code.lower()}")
    assert status == 200
    assert body["code"] == event.code
    assert body["djs"] == [{"username": "dave", "display_name": "DJ Dave", "role": "main"}]


def test_it_answers_not_found_for_an_unknown_code(api, db):
    assert_error(api.get("/api/events/ZZZZZZ"), 404, "not_found")
