"""The production shape under a crowd: a real daphne process on PostgreSQL and Redis.

Django's ASGI handler gives each request's sync code its own thread and so its own
connection; without the connection pool a burst of 150 exceeds PostgreSQL's
max_connections and guests get 500s.
"""

import pytest

from liveparty.processes import daphne
from liveparty.song_requests.models import Ask, SongRequest
from tests.burst import crowd_requests
from tests.invariants import assert_invariants
from tests.servers import server_env

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services("redis")]

GUESTS = 150


def test_150_guests_join_and_request_at_once(tmp_path, event, songs):
    with daphne(server_env(tmp_path), tmp_path / "daphne.log") as base:
        _, requested = crowd_requests(base, event.code, GUESTS)
    assert [status for status, _ in requested] == [201] * GUESTS, [r for r in requested if r[0] != 201][:3]
    assert sum(SongRequest.objects.filter(event=event).values_list("ask_count", flat=True)) == GUESTS
    assert Ask.objects.count() == GUESTS
    assert_invariants(event)
