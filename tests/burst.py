"""A crowd through the HTTP API of a real server: everyone joins, then everyone requests at once."""

import json
import urllib.error
import urllib.request

from tests.threads import run_together

HTTP_TIMEOUT_S = 60


def call(method: str, url: str, body: dict | None = None, token: str | None = None) -> tuple[int, dict]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def crowd_requests(base: str, code: str, guests: int) -> tuple[list[tuple[int, dict]], list[tuple[int, dict]]]:
    """Returns the answers to the joins and to the requests (guest i asks for song i mod n)."""
    joined = run_together(
        lambda i: call("POST", f"{base}/api/events/{code}/guests", {"nickname": f"Guest {i}"}),
        [(i,) for i in range(guests)],
    )
    assert [status for status, _ in joined] == [201] * guests, [j for j in joined if j[0] != 201][:3]
    _, page = call("GET", f"{base}/api/events/{code}/songs", token=joined[0][1]["token"])
    song_ids = [song["id"] for song in page["results"]]
    requested = run_together(
        lambda i, token: call(
            "POST", f"{base}/api/events/{code}/requests", {"song_id": song_ids[i % len(song_ids)]}, token
        ),
        [(i, body["token"]) for i, (_, body) in enumerate(joined)],
    )
    return joined, requested
