"""The DJ finishes the song playing: it goes to history and nothing plays."""

import pytest

from liveparty import actions
from liveparty.actions import invite_co_dj
from liveparty.errors import Conflict, Forbidden
from liveparty.updates.services import current_seq
from tests.log import updates_since


def test_it_sends_the_song_playing_to_history(event, dj, guest, song):
    playing = actions.play(event, dj, actions.request_song(guest, song.pk).pk)
    before = current_seq(event.pk)
    played = actions.finish(event, dj)
    assert (played.pk, played.status, played.closed_at is not None) == (playing.pk, "played", True)
    [update] = updates_since(event, before)
    assert update["kind"] == "now_playing.changed"
    assert update["data"] == {"now_playing": None, "played": played.public}


def test_nothing_playing_is_a_conflict(event, dj):
    with pytest.raises(Conflict) as refused:
        actions.finish(event, dj)
    assert refused.value.code == "nothing_playing"


def test_a_co_dj_may_and_the_host_may_not(event, dj, co_dj, host, guest, song):
    invite_co_dj(event, dj, co_dj.username)
    actions.play(event, dj, actions.request_song(guest, song.pk).pk)
    with pytest.raises(Forbidden):
        actions.finish(event, host)
    assert actions.finish(event, co_dj).status == "played"
