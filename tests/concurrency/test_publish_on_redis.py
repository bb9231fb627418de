"""Committed changes reach the real Redis channel layer; personal notices reach the guest."""

import pytest

from liveparty import actions
from liveparty.updates.services import event_group, guest_group
from tests.log import LayerProbe

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services("redis")]


def test_an_update_reaches_the_event_group_after_commit(event, guest, song):
    probe = LayerProbe(event_group(event.pk))
    song_request = actions.request_song(guest, song.pk)
    [message] = probe.drain()
    assert (message["type"], message["seq"], message["kind"]) == ("party.update", 1, "request.created")
    assert message["data"] == song_request.public


def test_notices_reach_every_asker(event, dj, guest, guest2, song):
    song_request = actions.request_song(guest, song.pk)
    actions.ask(guest2, song_request.pk)
    probes = [LayerProbe(guest_group(guest.pk)), LayerProbe(guest_group(guest2.pk))]
    actions.accept(event, dj, song_request.pk)
    for probe in probes:
        assert [n["kind"] for n in probe.drain()] == ["request_accepted", "you_are_next"]
