import re

import pytest

from liveparty.actions import end_event, start_event
from liveparty.errors import Conflict, Invalid, NotFound
from liveparty.events.codes import ALPHABET, CODE_LENGTH
from liveparty.events.models import DJMembership, Event
from liveparty.events.services import get_event
from liveparty.updates.services import current_seq


def test_it_starts_a_live_event_with_the_host_as_main_dj(host):
    event = start_event(host, "  Hana's   party ")
    assert event.name == "Hana's party"
    assert event.status == Event.Status.LIVE
    assert event.ended_at is None
    membership = DJMembership.objects.get(event=event)
    assert (membership.dj, membership.role, membership.live) == (host, "main", True)


def test_it_starts_an_event_with_another_main_dj(host, dj):
    event = start_event(host, "Party", dj.username)
    assert event.host == host
    assert [m.dj for m in event.djs.all()] == [dj]


def test_it_draws_a_short_code_from_an_unambiguous_alphabet(host):
    code = start_event(host, "Party").code
    assert re.fullmatch(f"[{ALPHABET}]{{{CODE_LENGTH}}}", code)


def test_it_finds_an_event_by_code_in_any_case(event):
    assert get_event(f" {event.code.lower()} ") == event


def test_it_answers_not_found_for_an_unknown_code(db):
    with pytest.raises(NotFound):
        get_event("ZZZZZZ")


def test_it_opens_the_update_log_at_zero(event):
    assert current_seq(event.pk) == 0


def test_it_refuses_a_dj_who_is_live_elsewhere(event, dj, outsider):
    with pytest.raises(Conflict) as refused:
        start_event(outsider, "Clash", dj.username)
    assert refused.value.code == "dj_busy"
    assert Event.objects.count() == 1


def test_it_lets_the_dj_start_again_once_the_event_ended(event, host, dj):
    end_event(event, host)
    assert start_event(host, "Second party", dj.username).is_live


def test_it_refuses_an_unknown_main_dj(host):
    with pytest.raises(NotFound):
        start_event(host, "Party", "nobody")


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_it_refuses_a_missing_or_long_name(host, name):
    with pytest.raises(Invalid):
        start_event(host, name)
