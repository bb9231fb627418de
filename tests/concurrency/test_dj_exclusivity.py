"""A DJ is in at most one live event, even when ten hosts start one at the same instant."""

import pytest

from liveparty.actions import invite_co_dj, start_event
from liveparty.errors import Conflict
from liveparty.events.models import DJMembership, Event
from tests.personas import make_account
from tests.threads import run_together

pytestmark = pytest.mark.django_db(transaction=True)

STARTS = 10


def test_ten_concurrent_starts_give_one_live_event_and_nine_dj_busy(dj):
    hosts = [make_account(f"host{i}", f"Host {i}") for i in range(STARTS)]
    results = run_together(start_event, [(host, f"Party {i}", dj.username) for i, host in enumerate(hosts)])
    events = [r for r in results if isinstance(r, Event)]
    refusals = [r for r in results if isinstance(r, Conflict)]
    assert len(events) == 1
    assert len(refusals) == STARTS - 1
    assert {refusal.code for refusal in refusals} == {"dj_busy"}
    assert DJMembership.objects.filter(dj=dj, live=True).count() == 1
    assert Event.objects.filter(status="live").count() == 1


def test_concurrent_invites_of_one_dj_to_two_events_let_one_win(host, outsider, dj, co_dj):
    first = start_event(host, "First", dj.username)
    second = start_event(outsider, "Second", outsider.username)
    results = run_together(invite_co_dj, [(first, dj, co_dj.username), (second, outsider, co_dj.username)])
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "DJMembership"]
    assert DJMembership.objects.filter(dj=co_dj, live=True).count() == 1
