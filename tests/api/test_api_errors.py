"""No input, however malformed, gets anything but a docs/protocol.md error body (never a 500)."""

import pytest

from tests.api.conftest import account_headers, assert_error, guest_headers

MALFORMED = ["", "{", "null", "[]", "[1, 2]", '"text"', "42", "true", '{"a": {"b": [', "\udcff", "{}" * 5000]


@pytest.fixture
def endpoints(event, host, song):
    guest = guest_headers(event, "Gina")
    host_headers = account_headers(host)
    return [
        ("/api/accounts", {}),
        ("/api/tokens", {}),
        ("/api/events", host_headers),
        (f"/api/events/{event.code}/djs", host_headers),
        (f"/api/events/{event.code}/guests", {}),
        (f"/api/events/{event.code}/requests", guest),
    ]


def test_malformed_bodies_get_invalid(api, endpoints):
    for path, headers in endpoints:
        for raw in MALFORMED:
            status, body = api.post(path, headers=headers, raw=raw.encode("utf-8", "surrogatepass").decode("latin-1"))
            assert status == 400, (path, raw[:20], body)
            assert body["error"]["code"] == "invalid"


def test_an_unknown_api_path_gets_not_found(api, db):
    assert_error(api.get("/api/nothing/here"), 404, "not_found")


def test_a_wrong_method_gets_a_json_error(client, event):
    response = client.delete(f"/api/events/{event.code}")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "invalid"
    assert "GET" in response["Allow"]
