"""The embedded default (`make run`: SQLite, one process) holds a house party:
150 guests requesting at the same moment all get an answer and nothing is lost."""

import json
import sqlite3
import urllib.error
import urllib.request

import pytest
from django.db import connection

from liveparty.events.services import join_event
from liveparty.requests import services as requests
from liveparty.requests.models import Ask, SongRequest
from tests.invariants import assert_invariants
from tests.servers import daphne, embedded_env, manage
from tests.threads import run_together

GUESTS = 150
HTTP_TIMEOUT_S = 60


@pytest.mark.django_db(transaction=True)
def test_150_threads_requesting_at_once_on_sqlite_all_succeed(event, songs):
    assert connection.vendor == "sqlite", "this test is about the embedded default"
    guests = [join_event(event, f"Guest {i}")[0] for i in range(GUESTS)]
    results = run_together(requests.request_song, [(g, songs[i % len(songs)].pk) for i, g in enumerate(guests)])
    assert [r for r in results if isinstance(r, Exception)] == []
    assert SongRequest.objects.filter(event=event).count() == len(songs)
    assert sum(SongRequest.objects.values_list("asks", flat=True)) == GUESTS
    assert Ask.objects.count() == GUESTS
    assert_invariants(event)


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


def test_150_guests_through_a_real_daphne_on_sqlite(tmp_path):
    env = embedded_env(tmp_path)
    manage(env, "migrate", "--no-input")
    code = manage(env, "load_demo").rsplit("Demo party code: ", 1)[1].strip()
    with daphne(env, tmp_path / "daphne.log") as base:
        joined = run_together(
            lambda i: call("POST", f"{base}/api/events/{code}/guests", {"nickname": f"Guest {i}"}),
            [(i,) for i in range(GUESTS)],
        )
        assert [status for status, _ in joined] == [201] * GUESTS
        _, page = call("GET", f"{base}/api/events/{code}/songs", token=joined[0][1]["token"])
        song_ids = [song["id"] for song in page["results"]]
        answers = run_together(
            lambda i, token: call(
                "POST", f"{base}/api/events/{code}/requests", {"song_id": song_ids[i % len(song_ids)]}, token
            ),
            [(i, body["token"]) for i, (_, body) in enumerate(joined)],
        )
        assert [status for status, _ in answers] == [201] * GUESTS, [a for a in answers if a[0] != 201][:3]
    with sqlite3.connect(tmp_path / "liveparty.sqlite3") as db:
        asks, entries = db.execute("SELECT SUM(asks), COUNT(*) FROM requests_songrequest").fetchone()
        (rows,) = db.execute("SELECT COUNT(*) FROM requests_ask").fetchone()
    assert (asks, entries, rows) == (GUESTS, len(song_ids), GUESTS)
