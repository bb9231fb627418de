"""The embedded default (`make run`: SQLite, one process) holds a house party:
150 guests requesting at the same moment all get an answer and nothing is lost."""

import sqlite3

import pytest
from django.db import connection

from liveparty import actions
from liveparty.actions import join_event
from liveparty.events.management.commands.load_demo import DEMO_SONGS
from liveparty.processes import daphne, embedded_env, manage
from liveparty.song_requests.models import Ask, SongRequest
from tests.burst import crowd_requests
from tests.invariants import assert_invariants
from tests.threads import run_together

GUESTS = 150


@pytest.mark.django_db(transaction=True)
def test_150_threads_requesting_at_once_on_sqlite_all_succeed(event, songs):
    assert connection.vendor == "sqlite", "this test is about the embedded default"
    guests = [join_event(event, f"Guest {i}")[0] for i in range(GUESTS)]
    results = run_together(actions.request_song, [(g, songs[i % len(songs)].pk) for i, g in enumerate(guests)])
    assert [r for r in results if isinstance(r, Exception)] == []
    assert SongRequest.objects.filter(event=event).count() == len(songs)
    assert sum(SongRequest.objects.values_list("ask_count", flat=True)) == GUESTS
    assert Ask.objects.count() == GUESTS
    assert_invariants(event)


def test_150_guests_through_a_real_daphne_on_sqlite(tmp_path):
    env = embedded_env(tmp_path)
    manage(env, "migrate", "--no-input")
    code = manage(env, "load_demo").rsplit("Demo party code: ", 1)[1].strip()
    with daphne(env, tmp_path / "daphne.log") as base:
        _, requested = crowd_requests(base, code, GUESTS)
    assert [status for status, _ in requested] == [201] * GUESTS, [r for r in requested if r[0] != 201][:3]
    with sqlite3.connect(tmp_path / "liveparty.sqlite3") as db:
        asks, song_requests = db.execute("SELECT SUM(ask_count), COUNT(*) FROM requests_songrequest").fetchone()
        (rows,) = db.execute("SELECT COUNT(*) FROM requests_ask").fetchone()
    assert (asks, song_requests, rows) == (GUESTS, len(DEMO_SONGS), GUESTS)
