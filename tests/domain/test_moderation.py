"""A DJ mutes, bans and welcomes back guests: what a muted or banned guest did stops
counting (their asks, their voice in the crowd's mood, their ratings), what they try
next is refused with its own code, and a banned guest stays out."""

import pytest

from liveparty import access, actions
from liveparty.accounts.models import Guest
from liveparty.accounts.services import Identity
from liveparty.errors import Conflict, Forbidden, NotFound
from liveparty.events.admission import browser_key
from liveparty.events.moderation import require_welcome_browser, sanctioned
from liveparty.mood.crowd import crowd_mood, published_mood
from liveparty.song_requests.models import SongRequest
from liveparty.updates.services import current_seq, guest_group
from tests.log import LayerProbe, kinds_since, updates_since
from tests.personas import make_guest


@pytest.fixture
def prank(event) -> Guest:
    guest, _ = actions.join_event(event, "Prank", browser_key("the prankster's cookie"))
    return guest


def refused_code(attempt) -> str:
    with pytest.raises(Forbidden) as refused:
        attempt()
    return refused.value.code


def test_a_muted_guests_asks_stop_counting_and_what_they_try_next_is_refused(event, dj, guest, prank, songs):
    alone = actions.request_song(prank, songs[0].pk)
    shared = actions.request_song(guest, songs[1].pk)
    actions.ask(prank, shared.pk)
    accepted = actions.accept(event, dj, actions.request_song(prank, songs[2].pk).pk)
    seq = current_seq(event.pk)

    actions.mute(event, dj, "Prank")

    assert kinds_since(event, seq) == ["request.cancelled"] * 3
    assert SongRequest.objects.get(pk=alone.pk).status == "cancelled"  # nobody else asked for it
    shared.refresh_from_db()
    assert (shared.status, shared.ask_count) == ("pending", 1)
    accepted.refresh_from_db()
    assert (accepted.status, accepted.ask_count) == ("queued", 0)  # the DJ's choice stays
    for attempt in (
        lambda: actions.request_song(prank, songs[3].pk),
        lambda: actions.ask(prank, shared.pk),
        lambda: actions.tell_mood(prank, "happy"),
    ):
        assert refused_code(attempt) == "muted"
    actions.play(event, dj, shared.pk)
    assert refused_code(lambda: actions.rate(prank, 1)) == "muted"
    # Muted, not gone: the guest still follows the party.
    access.authorise_viewer(event, "guest", Identity(guest=Guest.objects.get(pk=prank.pk)))


def test_a_welcomed_back_guest_counts_again(event, dj, prank, songs):
    actions.request_song(prank, songs[0].pk)
    actions.mute(event, dj, "Prank")
    actions.welcome_back(event, dj, "prank")  # as typed: nicknames match as they look
    assert actions.request_song(prank, songs[0].pk).ask_count == 1
    assert sanctioned(event) == []


def test_the_guest_hears_it_and_the_djs_consoles_too(event, dj, prank, django_capture_on_commit_callbacks):
    guest_probe, djs_probe = LayerProbe(guest_group(prank.pk)), LayerProbe(f"event.{event.pk}")
    with django_capture_on_commit_callbacks(execute=True):
        actions.mute(event, dj, "Prank")
        actions.ban(event, dj, "Prank")
        actions.welcome_back(event, dj, "Prank")
    heard = [(notice["kind"], notice.get("close", False)) for notice in guest_probe.drain()]
    assert heard == [("muted", False), ("banned", True), ("welcomed_back", False)]
    consoles = [notice["data"]["guest"] for notice in djs_probe.drain() if notice["type"] == "party.dj_notice"]
    standing = [(guest["nickname"], guest["standing"]) for guest in consoles]
    assert standing == [("Prank", "muted"), ("Prank", "banned"), ("Prank", "welcome")]


def test_a_muted_or_banned_guests_mood_leaves_the_crowds_at_once(event, dj, guest, guest2, prank):
    actions.tell_mood(guest, "chill")
    actions.tell_mood(guest2, "chill")
    for _ in range(3):
        actions.tell_mood(prank, "tense")  # one voice however many readings
    assert crowd_mood(event.pk)["readings"] == 3
    seq = current_seq(event.pk)
    actions.mute(event, dj, "Prank")
    updates = updates_since(event, seq)
    assert [update["kind"] for update in updates] == ["crowd_mood.changed"]
    assert updates[0]["data"]["distribution"]["tense"] == 0
    assert published_mood(event.pk)["readings"] == 2


def test_a_sanction_is_for_a_dj_of_the_event_and_a_guest_of_it(event, host, dj, outsider, prank):
    for somebody in (host, outsider):
        with pytest.raises(Forbidden):
            actions.mute(event, somebody, "Prank")
    with pytest.raises(NotFound) as missing:
        actions.ban(event, dj, "Nobody")
    assert missing.value.message == "There is no guest called 'Nobody' at this party."


def test_a_ban_is_undone_only_by_a_welcome_back(event, dj, prank):
    actions.ban(event, dj, "Prank")
    with pytest.raises(Conflict) as refused:
        actions.mute(event, dj, "Prank")
    assert refused.value.message == "Prank is banned: welcome them back first."
    seq = current_seq(event.pk)
    actions.ban(event, dj, "Prank")  # again: nothing changes, nothing is recorded
    assert current_seq(event.pk) == seq


def test_a_banned_guest_is_let_in_nowhere_and_their_browser_cannot_join_again(event, dj, prank, songs):
    actions.ban(event, dj, "Prank")
    banned = Identity(guest=Guest.objects.get(pk=prank.pk))
    for attempt in (
        lambda: access.authorise_viewer(event, "guest", banned),
        lambda: access.require_participant(event, banned),
        lambda: access.require_guest(event, banned, "request songs"),
        lambda: actions.request_song(prank, songs[0].pk),  # a connection opened before the ban
    ):
        assert refused_code(attempt) == "banned"
    # Under another nickname: from the same browser (its cookie), or with the session of the ban.
    assert refused_code(lambda: require_welcome_browser(event, browser_key("the prankster's cookie"), None)) == "banned"
    assert refused_code(lambda: require_welcome_browser(event, "", banned.guest)) == "banned"
    require_welcome_browser(event, browser_key("another phone"), None)
    require_welcome_browser(event, "", None)  # a script with no cookie: the address limits stop it
    assert make_guest(event, "Pia").standing == Guest.Standing.WELCOME
