import pytest

from tests.api.conftest import assert_error, bearer


def test_it_creates_an_account(api, db):
    status, body = api.post(
        "/api/accounts", {"username": "mia", "password": "a long passphrase", "display_name": "Mia"}
    )
    assert status == 201
    assert body["username"] == "mia"
    assert body["display_name"] == "Mia"
    assert isinstance(body["id"], int)
    assert body["token"].startswith("lpa_")


def test_the_new_token_starts_events(api, db):
    _, account = api.post("/api/accounts", {"username": "mia", "password": "a long passphrase"})
    status, _ = api.post("/api/events", {"name": "Mia's"}, bearer(account["token"]))
    assert status == 201


def test_it_refuses_a_taken_username(api, host):
    result = api.post("/api/accounts", {"username": host.username, "password": "a long passphrase"})
    assert_error(result, 409, "username_taken")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"username": "mia"},
        {"password": "a long passphrase"},
        {"username": 5, "password": "a long passphrase"},
        {"username": "mia", "password": ["a long passphrase"]},
        {"username": "mia", "password": "short"},
        {"username": "bad name", "password": "a long passphrase"},
        {"username": "mia", "password": "a long passphrase", "display_name": None},
    ],
)
def test_it_refuses_bad_bodies(api, db, body):
    assert_error(api.post("/api/accounts", body), 400, "invalid")
