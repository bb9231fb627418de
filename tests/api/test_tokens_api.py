import pytest

from liveparty.accounts.services import identify_token
from tests.api.conftest import assert_error
from tests.personas import PASSWORD


def test_it_trades_a_password_for_a_token(api, dj):
    status, body = api.post("/api/tokens", {"username": dj.username, "password": PASSWORD})
    assert status == 200
    assert identify_token(body["token"]).user == dj


def test_it_refuses_a_wrong_password(api, dj):
    assert_error(api.post("/api/tokens", {"username": dj.username, "password": "wrong one"}), 401, "unauthenticated")


def test_it_refuses_an_unknown_user(api, db):
    assert_error(api.post("/api/tokens", {"username": "nobody", "password": PASSWORD}), 401, "unauthenticated")


@pytest.mark.parametrize("body", [{}, {"username": "dave"}, {"username": "dave", "password": 12345678}])
def test_it_refuses_bad_bodies(api, dj, body):
    assert_error(api.post("/api/tokens", body), 400, "invalid")
