"""HTTP helpers: bearer headers for the personas and JSON calls."""

import json

import pytest
from django.test import Client

from liveparty.accounts.services import issue_token
from liveparty.actions import join_event
from tests.personas import PASSWORD


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def account_headers(user) -> dict:
    return bearer(issue_token(user.username, PASSWORD, "127.0.0.1"))


def guest_headers(event, nickname: str) -> dict:
    _, token = join_event(event, nickname)
    return bearer(token)


class Api:
    """A JSON client: `api.post(path, body, headers)` returns (status, decoded body)."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def get(self, path: str, headers: dict | None = None) -> tuple[int, dict]:
        return self._decode(self.client.get(path, headers=headers or {}))

    def post(self, path: str, body: object = None, headers: dict | None = None, raw: str | None = None):
        payload = raw if raw is not None else json.dumps(body if body is not None else {})
        return self._decode(self.client.post(path, payload, content_type="application/json", headers=headers or {}))

    @staticmethod
    def _decode(response) -> tuple[int, dict]:
        assert response["Content-Type"].startswith("application/json"), response.content[:200]
        return response.status_code, response.json()


@pytest.fixture
def api(client) -> Api:
    return Api(client)


def assert_error(result: tuple[int, dict], status: int, code: str) -> dict:
    got_status, body = result
    assert (got_status, body.get("error", {}).get("code")) == (status, code), body
    assert body["error"]["message"], "an error carries a sentence"
    return body["error"]
