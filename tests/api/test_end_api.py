from liveparty.events.models import Event
from tests.api.conftest import account_headers, assert_error


def test_the_host_ends_the_event(api, event, host):
    status, body = api.post(f"/api/events/{event.code}/end", headers=account_headers(host))
    assert status == 200
    assert body["status"] == "ended"
    assert body["ended_at"]
    assert Event.objects.get(pk=event.pk).status == "ended"


def test_the_main_dj_ends_the_event(api, event, dj):
    assert api.post(f"/api/events/{event.code}/end", headers=account_headers(dj))[0] == 200


def test_it_answers_event_ended_the_second_time(api, event, host):
    api.post(f"/api/events/{event.code}/end", headers=account_headers(host))
    assert_error(api.post(f"/api/events/{event.code}/end", headers=account_headers(host)), 410, "event_ended")


def test_it_refuses_an_outsider(api, event, outsider):
    assert_error(api.post(f"/api/events/{event.code}/end", headers=account_headers(outsider)), 403, "forbidden")


def test_it_answers_unauthenticated_and_not_found(api, event, host):
    assert_error(api.post(f"/api/events/{event.code}/end"), 401, "unauthenticated")
    assert_error(api.post("/api/events/ZZZZZZ/end", headers=account_headers(host)), 404, "not_found")
