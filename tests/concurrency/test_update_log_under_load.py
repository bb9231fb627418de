"""A burst of concurrent changes of every kind keeps the log contiguous, and snapshots
taken in the middle of it are each consistent with their own `seq`."""

import random

import pytest

from liveparty import actions
from liveparty.accounts.services import Identity
from liveparty.actions import join_event
from liveparty.errors import DomainError
from liveparty.song_requests.models import SongRequest, Status
from liveparty.state.services import snapshot
from tests.invariants import assert_invariants
from tests.log import updates_since
from tests.state_reducer import apply_updates, logged
from tests.threads import run_together

pytestmark = pytest.mark.django_db(transaction=True)

GUESTS = 24
DJ_ROUNDS = 12
SNAPSHOTS = 8


def guest_burst(guest, songs, seed: int) -> None:
    pick = random.Random(seed)
    for _ in range(4):
        try:
            song_request = actions.request_song(guest, pick.choice(songs).pk)
            if pick.random() < 0.3:
                actions.cancel(guest, song_request.pk)
        except DomainError:
            pass  # refusals (limits, closed requests) are part of a real burst


def dj_burst(event, dj, seed: int) -> None:
    pick = random.Random(seed)
    for _ in range(DJ_ROUNDS):
        pending = list(SongRequest.objects.filter(event=event, status=Status.PENDING).values_list("pk", flat=True))
        queued = list(SongRequest.objects.filter(event=event, status=Status.QUEUED).values_list("pk", flat=True))
        try:
            if pending and pick.random() < 0.5:
                actions.accept(event, dj, pick.choice(pending))
            elif pending and pick.random() < 0.3:
                actions.deny(event, dj, pick.choice(pending))
            elif queued and pick.random() < 0.5:
                actions.reorder(event, dj, pick.choice(queued), 1)
            elif queued or pending:
                actions.play(event, dj, pick.choice(queued or pending))
        except DomainError:
            pass  # the request changed under us: a real DJ sees the same


def test_a_burst_keeps_seq_contiguous_and_snapshots_consistent(event, dj, songs):
    guests = [join_event(event, f"Guest {i}")[0] for i in range(GUESTS)]
    taken: list[dict] = []

    def work(kind: str, index: int) -> None:
        if kind == "guest":
            guest_burst(guests[index], songs, index)
        elif kind == "dj":
            dj_burst(event, dj, index)
        else:
            for _ in range(3):
                taken.append(snapshot(event, "dj", Identity(user=dj)))

    calls = [("guest", i) for i in range(GUESTS)] + [("dj", 1), ("dj", 2)] + [("snap", i) for i in range(SNAPSHOTS)]
    results = run_together(work, calls)
    assert [r for r in results if isinstance(r, Exception)] == []
    assert_invariants(event)
    final = snapshot(event, "dj", Identity(user=dj))
    assert final["seq"] > GUESTS
    for early in taken:
        replayed = apply_updates(early["state"], updates_since(event, early["seq"]))
        assert logged(replayed) == logged(final["state"]), f"snapshot at seq {early['seq']} was not consistent"
