import pytest
from django.test import Client

from liveparty import actions, limits
from liveparty.actions import end_event
from liveparty.events.admission import JOINS_PER_ADDRESS, JOINS_PER_BROWSER
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


def test_a_form_on_another_site_cannot_make_a_browser_join(event, db):
    """Login CSRF: a cross-site form (text/plain parses as JSON) would log the victim's
    browser in as a guest of the attacker's choosing."""
    browser = Client(enforce_csrf_checks=True)
    url = f"/api/events/{event.code}/guests"
    form = browser.post(
        url, '{"nickname": "Mallory", "x": "="}', content_type="text/plain", HTTP_ORIGIN="http://evil.example"
    )
    assert (form.status_code, form.json()["error"]["code"]) == (415, "invalid")
    no_token = browser.post(
        url, {"nickname": "Mallory"}, content_type="application/json", HTTP_ORIGIN="http://evil.example"
    )
    assert (no_token.status_code, no_token.json()["error"]["code"]) == (403, "forbidden")
    assert "sessionid" not in browser.cookies
    assert not event.guests.exists()


def test_the_guest_page_joins_with_its_csrf_token_and_a_script_without(event, db):
    page = Client(enforce_csrf_checks=True)
    page.get(f"/e/{event.code}/")  # the page sets its csrftoken cookie
    token = page.cookies["csrftoken"].value
    joined = page.post(
        f"/api/events/{event.code}/guests",
        {"nickname": "Gina"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
        HTTP_ORIGIN="http://testserver",
    )
    assert joined.status_code == 201
    script = Client(enforce_csrf_checks=True)
    answered = script.post(f"/api/events/{event.code}/guests", {"nickname": "Bot"}, content_type="application/json")
    assert answered.status_code == 201
    assert answered.json()["token"].startswith("lpg_")


class Clock:
    """Time for the rate limits, moved by the test."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def time(self) -> float:
        return self.now


def test_a_script_minting_guests_is_refused(event, db, monkeypatch):
    """F1: 120 joins in a few seconds from one address, no cookies kept."""
    clock = Clock()
    monkeypatch.setattr(limits, "time", clock)
    script = Client()
    answers = []
    for i in range(120):
        clock.now += 0.025  # three seconds in all
        answers.append(script.post(f"/api/events/{event.code}/guests", {"nickname": f"Bot {i}"}, "application/json"))
    statuses = [answer.status_code for answer in answers]
    assert statuses.count(201) <= JOINS_PER_ADDRESS.count
    refused = [answer for answer in answers if answer.status_code == 429]
    assert len(refused) >= 120 - JOINS_PER_ADDRESS.count
    assert refused[0].json()["error"]["code"] == "rate_limited"
    assert int(refused[0]["Retry-After"]) > 0


def test_a_party_behind_one_address_all_gets_in(event, db, monkeypatch):
    """300 phones behind one NAT address, joining over five minutes, each from its page."""
    clock = Clock()
    monkeypatch.setattr(limits, "time", clock)
    for i in range(300):
        clock.now += 1.0
        phone = Client(enforce_csrf_checks=True)
        phone.get(f"/e/{event.code}/")
        joined = phone.post(
            f"/api/events/{event.code}/guests",
            {"nickname": f"Phone {i}"},
            "application/json",
            HTTP_X_CSRFTOKEN=phone.cookies["csrftoken"].value,
        )
        assert joined.status_code == 201, (i, joined.content)
    assert event.guests.count() == 300


def test_one_browser_cannot_keep_making_guests(event, db):
    browser = Client(enforce_csrf_checks=True)
    browser.get(f"/e/{event.code}/")
    statuses = [
        browser.post(
            f"/api/events/{event.code}/guests",
            {"nickname": f"Me {i}"},
            "application/json",
            HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value,
        ).status_code
        for i in range(JOINS_PER_BROWSER.count + 1)
    ]
    assert statuses == [201] * JOINS_PER_BROWSER.count + [429]


def join_from(browser: Client, event, nickname: str):
    return browser.post(
        f"/api/events/{event.code}/guests",
        {"nickname": nickname},
        "application/json",
        HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value,
    )


def test_a_banned_guests_browser_cannot_come_back_under_another_nickname(event, dj, db):
    browser = Client(enforce_csrf_checks=True)
    browser.get(f"/e/{event.code}/")
    assert join_from(browser, event, "Prank").status_code == 201
    actions.ban(event, dj, "Prank")

    again = join_from(browser, event, "Frank")
    assert (again.status_code, again.json()["error"]["code"]) == (403, "banned")
    browser.cookies.pop("sessionid")  # the session forgotten, the browser's cookie kept
    again = join_from(browser, event, "Frank")
    assert (again.status_code, again.json()["error"]["code"]) == (403, "banned")
    other = Client(enforce_csrf_checks=True)
    other.get(f"/e/{event.code}/")
    assert join_from(other, event, "Frank").status_code == 201
