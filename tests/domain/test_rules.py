"""The DJs' rules for tonight: requests paused, clean only, fair order. Each is one
`offer.changed` (the rules are part of the offer), and each is kept by every path a
request can take."""

import pytest

from liveparty import actions
from liveparty.accounts.services import Identity
from liveparty.catalog.models import Song
from liveparty.errors import Conflict, Forbidden
from liveparty.events.offer import on_offer
from liveparty.song_requests.models import SongRequest
from liveparty.state.services import snapshot
from liveparty.updates.services import current_seq
from tests.log import LayerProbe, kinds_since, updates_since
from tests.personas import make_guest


def stack_titles(event, host) -> list[str]:
    return [request["song"]["title"] for request in snapshot(event, "host", Identity(user=host))["state"]["stack"]]


def test_paused_requests_refuse_requests_and_asks_but_not_withdrawing(event, dj, guest, guest2, songs):
    waiting = actions.request_song(guest, songs[0].pk)
    actions.set_rules(event, dj, {"requests_paused": True})
    for attempt in (lambda: actions.request_song(guest2, songs[1].pk), lambda: actions.ask(guest2, waiting.pk)):
        with pytest.raises(Conflict) as refused:
            attempt()
        assert refused.value.code == "requests_paused"
        assert refused.value.message == "The DJ has paused requests for a little while; try again soon."
    assert actions.cancel(guest, waiting.pk).status == "cancelled"
    actions.set_rules(event, dj, {"requests_paused": False})
    assert actions.request_song(guest2, songs[1].pk).status == "pending"


def test_a_rule_changed_is_one_offer_update_and_a_rule_set_again_is_none(event, dj, co_dj):
    actions.invite_co_dj(event, dj, co_dj.username)
    seq = current_seq(event.pk)
    actions.set_rules(event, co_dj, {"requests_paused": True, "fair_order": True})
    actions.set_rules(event, dj, {"requests_paused": True})
    updates = updates_since(event, seq)
    assert [update["kind"] for update in updates] == ["offer.changed"]
    assert updates[0]["data"] == {
        "whole_catalog": True,
        "requests_paused": True,
        "clean_only": False,
        "fair_order": True,
    }


def test_only_a_dj_of_the_event_sets_the_rules(event, host, outsider):
    for somebody in (host, outsider):
        with pytest.raises(Forbidden):
            actions.set_rules(event, somebody, {"requests_paused": True})


def test_clean_only_takes_explicit_songs_off_the_offer_and_turns_down_those_waiting(
    event, dj, guest, guest2, songs, django_capture_on_commit_callbacks
):
    explicit = Song.objects.create(title="Explicit One", artist="Potty Mouth", explicit=True)
    queued_explicit = Song.objects.create(title="Explicit Two", artist="Potty Mouth", explicit=True)
    waiting = actions.request_song(guest, explicit.pk)
    actions.ask(guest2, waiting.pk)
    accepted = actions.accept(event, dj, actions.request_song(guest, queued_explicit.pk).pk)
    clean = actions.request_song(guest2, songs[0].pk)
    probe = LayerProbe(f"guest.{guest.pk}", f"guest.{guest2.pk}")
    seq = current_seq(event.pk)

    with django_capture_on_commit_callbacks(execute=True):
        event = actions.set_rules(event, dj, {"clean_only": True})

    assert kinds_since(event, seq) == ["offer.changed", "request.denied"]
    assert SongRequest.objects.get(pk=waiting.pk).status == "denied"
    assert SongRequest.objects.get(pk=accepted.pk).status == "queued"  # the DJ chose it: it stays
    assert SongRequest.objects.get(pk=clean.pk).status == "pending"
    notices = [(notice["guest_id"], notice["kind"]) for notice in probe.drain()]
    assert sorted(notices) == sorted([(guest.pk, "request_denied"), (guest2.pk, "request_denied")])
    offer = on_offer(event)
    assert explicit.pk not in offer
    assert songs[0].pk in offer
    with pytest.raises(Conflict) as refused:
        actions.request_song(make_guest(event, "Greta"), explicit.pk)
    assert (refused.value.code, refused.value.message) == (
        "explicit",
        "The DJ is keeping it clean tonight: no explicit songs.",
    )
    with pytest.raises(Conflict) as refused:
        actions.queue_song(event, dj, explicit.pk)
    assert refused.value.code == "explicit"


def test_fair_order_takes_guests_in_turn_and_by_asks_within_a_turn(event, dj, host, guest, guest2, guest3, songs):
    """Gina asks for three songs, each with Gus's +1; Greta for one. By asks, Gina's
    three come first; in turn, Greta's comes second."""
    for song in songs[:3]:
        actions.ask(guest2, actions.request_song(guest, song.pk).pk)
    actions.request_song(guest3, songs[3].pk)
    by_asks = ["Dancing Queen", "Billie Jean", "Mr. Brightside", "Le Freak"]
    assert stack_titles(event, host) == by_asks
    actions.set_rules(event, dj, {"fair_order": True})
    assert stack_titles(event, host) == ["Dancing Queen", "Le Freak", "Billie Jean", "Mr. Brightside"]
    # Within a turn the asks still count: two +1s put Greta's song ahead of Gina's first.
    for fan in (guest, guest2):
        actions.ask(fan, SongRequest.objects.get(song=songs[3]).pk)
    assert stack_titles(event, host) == ["Le Freak", "Dancing Queen", "Billie Jean", "Mr. Brightside"]
    actions.set_rules(event, dj, {"fair_order": False})
    actions.ask(guest3, SongRequest.objects.get(song=songs[2]).pk)
    assert stack_titles(event, host) == ["Mr. Brightside", "Le Freak", "Dancing Queen", "Billie Jean"]
