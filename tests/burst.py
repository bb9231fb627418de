"""A crowd through the HTTP API of a real server: everyone joins, then everyone requests at once."""

from liveparty.processes import http_json, phone_address
from tests.threads import run_together


def crowd_requests(base: str, code: str, guests: int) -> tuple[list[tuple[int, dict]], list[tuple[int, dict]]]:
    """Returns the answers to the joins and to the requests (guest i asks for song i mod n)."""
    joined = run_together(
        lambda i: http_json(
            "POST", f"{base}/api/events/{code}/guests", {"nickname": f"Guest {i}"}, forwarded_for=phone_address(i)
        ),
        [(i,) for i in range(guests)],
    )
    assert [status for status, _ in joined] == [201] * guests, [j for j in joined if j[0] != 201][:3]
    _, page = http_json("GET", f"{base}/api/events/{code}/songs", token=joined[0][1]["token"])
    song_ids = [song["id"] for song in page["results"]]
    requested = run_together(
        lambda i, token: http_json(
            "POST", f"{base}/api/events/{code}/requests", {"song_id": song_ids[i % len(song_ids)]}, token
        ),
        [(i, body["token"]) for i, (_, body) in enumerate(joined)],
    )
    return joined, requested
