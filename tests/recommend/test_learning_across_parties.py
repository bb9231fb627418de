"""Every party teaches the engine: when it ends, its played sequence and its guests'
requests become sessions of a rebuilt model, and the next party's suggestions show it."""

import time

import pytest

from liveparty import actions
from liveparty.actions import end_event, join_event, start_event
from liveparty.recommend import store
from liveparty.recommend.services import suggest

pytestmark = pytest.mark.django_db(transaction=True)

REBUILD_WAIT_S = 10


def neighbours(song):
    model = store.current_model()
    rows, _, _ = model.neighbours_of(int(model.rows_of([song.pk])[0]))
    return set(model.song_ids[rows].tolist())


def test_a_party_that_ended_is_in_the_next_partys_suggestions(host, dj, event, guest, scenes):
    freak, so_what = scenes["disco"][0], scenes["jazz"][0]
    assert so_what.pk not in neighbours(freak)  # no playlist has both
    for song in (freak, so_what):
        actions.play(event, dj, actions.request_song(guest, song.pk).pk)
    end_event(event, host)

    deadline = time.monotonic() + REBUILD_WAIT_S
    while so_what.pk not in neighbours(freak):  # rebuilt in the background after the end
        assert time.monotonic() < deadline, "the model was not rebuilt after the party"
        time.sleep(0.05)
    assert store.current_model().stats["sessions_by_kind"]["event"] == 1
    assert store.current_model().stats["sessions_by_kind"]["guest"] == 1

    next_party = start_event(host, "The next one", dj.username)
    actions.play(next_party, dj, actions.request_song(join_event(next_party, "Gus")[0], freak.pk).pk)
    reasons = {item["song"]["id"]: item["reason"] for item in suggest(next_party, 10)}
    # The party's played sequence and Gina's requests: two playlist-like sessions.
    assert reasons[so_what.pk] == "played with Le Freak in 2 playlists"
