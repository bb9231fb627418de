"""Zulip's test_events for LiveParty: for every action and every role, the updates the
action records, applied to the snapshot taken before it, give the snapshot taken after.

Each scenario sets the scene, then returns the action and how many updates it must
record; the test also fails when an action changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from liveparty.accounts.models import Guest, User
from liveparty.accounts.services import Identity
from liveparty.catalog.models import Song
from liveparty.events.models import Event
from liveparty.events.services import end_event, invite_co_dj
from liveparty.requests import services as requests
from liveparty.state.services import snapshot
from tests.invariants import assert_invariants
from tests.log import updates_since
from tests.state_reducer import apply_updates


@dataclass
class Party:
    event: Event
    host: User
    dj: User
    co_dj: User
    gina: Guest
    gus: Guest
    greta: Guest
    songs: list[Song]

    def request(self, guest: Guest, index: int) -> int:
        return requests.request_song(guest, self.songs[index].pk).pk

    def queued(self, *indexes: int) -> list[int]:
        ids = [self.request(self.gus, index) for index in indexes]
        for entry_id in ids:
            requests.accept(self.event, self.dj, entry_id)
        return ids


Scenario = Callable[[Party], tuple[Callable[[], object], int]]


def request_new(p: Party):
    return lambda: p.request(p.gina, 0), 1


def request_existing(p: Party):
    p.request(p.gus, 0)
    return lambda: p.request(p.gina, 0), 1


def ask(p: Party):
    entry = p.request(p.gus, 0)
    return lambda: requests.ask(p.gina, entry), 1


def ask_moves_up_the_stack(p: Party):
    p.request(p.gus, 0)
    entry = p.request(p.greta, 1)
    return lambda: requests.ask(p.gina, entry), 1


def cancel_with_others_left(p: Party):
    entry = p.request(p.gina, 0)
    requests.ask(p.gus, entry)
    return lambda: requests.cancel(p.gina, entry), 1


def cancel_last_ask(p: Party):
    entry = p.request(p.gina, 0)
    return lambda: requests.cancel(p.gina, entry), 1


def cancel_head_of_queue(p: Party):
    first, _second = p.queued(0, 1)
    requests.ask(p.gina, first)
    requests.cancel(p.gus, first)
    return lambda: requests.cancel(p.gina, first), 2


def accept(p: Party):
    p.queued(1)
    entry = p.request(p.gina, 0)
    return lambda: requests.accept(p.event, p.dj, entry), 1


def deny_pending(p: Party):
    entry = p.request(p.gina, 0)
    return lambda: requests.deny(p.event, p.dj, entry), 1


def deny_queued(p: Party):
    first, _ = p.queued(0, 1)
    requests.ask(p.gina, first)
    return lambda: requests.deny(p.event, p.dj, first), 2


def play_from_stack(p: Party):
    entry = p.request(p.gina, 0)
    return lambda: requests.play(p.event, p.dj, entry), 1


def play_head_of_queue(p: Party):
    playing = p.request(p.gina, 3)
    requests.play(p.event, p.dj, playing)
    first, _, _ = p.queued(0, 1, 2)
    requests.ask(p.gina, first)
    return lambda: requests.play(p.event, p.dj, first), 2


def reorder(p: Party):
    _, _, last = p.queued(0, 1, 2)
    requests.ask(p.gina, last)
    return lambda: requests.reorder(p.event, p.dj, last, 1), 1


def invite(p: Party):
    return lambda: invite_co_dj(p.event, p.dj, p.co_dj.username), 1


def end(p: Party):
    playing = p.request(p.gina, 3)
    requests.play(p.event, p.dj, playing)
    p.queued(0, 1)
    p.request(p.gina, 2)
    return lambda: end_event(p.event, p.host), 5


SCENARIOS: list[Scenario] = [
    request_new,
    request_existing,
    ask,
    ask_moves_up_the_stack,
    cancel_with_others_left,
    cancel_last_ask,
    cancel_head_of_queue,
    accept,
    deny_pending,
    deny_queued,
    play_from_stack,
    play_head_of_queue,
    reorder,
    invite,
    end,
]


@pytest.fixture
def party(event, host, dj, co_dj, guest, guest2, guest3, songs) -> Party:
    return Party(event, host, dj, co_dj, guest, guest2, guest3, songs)


def viewers(p: Party) -> dict[str, tuple[str, Identity]]:
    return {
        "guest gina": ("guest", Identity(guest=p.gina)),
        "guest gus": ("guest", Identity(guest=p.gus)),
        "dj": ("dj", Identity(user=p.dj)),
        "host": ("host", Identity(user=p.host)),
    }


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: scenario.__name__)
def test_updates_applied_to_a_snapshot_give_the_next_snapshot(party, scenario):
    action, expected_updates = scenario(party)
    before = {name: snapshot(party.event, role, who) for name, (role, who) in viewers(party).items()}
    action()
    assert_invariants(party.event)
    for name, (role, who) in viewers(party).items():
        updates = updates_since(party.event, before[name]["seq"])
        after = snapshot(party.event, role, who)
        assert len(updates) == expected_updates, f"{name}: {[u['kind'] for u in updates]}"
        assert after["seq"] == before[name]["seq"] + expected_updates
        assert after["state"] != before[name]["state"], f"{name}: the action changed nothing"
        assert apply_updates(before[name]["state"], updates) == after["state"], name
