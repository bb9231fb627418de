from liveparty.actions import end_event, invite_co_dj, start_event
from tests.api.conftest import account_headers, assert_error


def test_it_adds_a_co_dj(api, event, dj, co_dj):
    status, body = api.post(f"/api/events/{event.code}/djs", {"username": co_dj.username}, account_headers(dj))
    assert status == 201
    assert body == {"username": "carla", "display_name": "Carla", "role": "co"}


def test_the_host_may_add_a_co_dj(api, event, host, co_dj):
    assert api.post(f"/api/events/{event.code}/djs", {"username": co_dj.username}, account_headers(host))[0] == 201


def test_it_refuses_a_co_dj_or_an_outsider(api, event, dj, co_dj, outsider):
    invite_co_dj(event, dj, co_dj.username)
    for user in (co_dj, outsider):
        result = api.post(f"/api/events/{event.code}/djs", {"username": "otto"}, account_headers(user))
        assert_error(result, 403, "forbidden")


def test_it_answers_dj_busy(api, event, dj, co_dj, outsider):
    start_event(outsider, "Elsewhere", co_dj.username)
    result = api.post(f"/api/events/{event.code}/djs", {"username": co_dj.username}, account_headers(dj))
    assert_error(result, 409, "dj_busy")


def test_it_answers_not_found(api, event, dj):
    assert_error(api.post("/api/events/ZZZZZZ/djs", {"username": "carla"}, account_headers(dj)), 404, "not_found")
    assert_error(
        api.post(f"/api/events/{event.code}/djs", {"username": "nobody"}, account_headers(dj)), 404, "not_found"
    )


def test_it_answers_event_ended(api, event, host, dj, co_dj):
    end_event(event, host)
    result = api.post(f"/api/events/{event.code}/djs", {"username": co_dj.username}, account_headers(dj))
    assert_error(result, 410, "event_ended")


def test_it_needs_an_account_and_a_username(api, event, dj):
    assert_error(api.post(f"/api/events/{event.code}/djs", {"username": "carla"}), 401, "unauthenticated")
    assert_error(api.post(f"/api/events/{event.code}/djs", {"user": "carla"}, account_headers(dj)), 400, "invalid")
