"""Updates that come close together leave as one frame, and a page that applies the
frames gets exactly the state a fresh snapshot shows (consumers/batching.py)."""

import json
import random
import time

import pytest
from channels.db import database_sync_to_async
from django.conf import settings

from consumers import batching
from liveparty import actions
from liveparty.accounts.services import Identity
from liveparty.state.services import snapshot
from tests.js_reducer import node, run_cases  # noqa: F401 (a fixture)
from tests.log import updates_since
from tests.personas import make_guest
from tests.realtime.sockets import RECEIVE_TIMEOUT_S, Socket, guest_headers
from tests.scenarios import VIEWERS, Party
from tests.state_reducer import apply_updates, each_frame, logged


def request_update(seq: int, request_id: int, asks: int = 1) -> dict:
    return {"seq": seq, "kind": "request.asked", "data": {"id": request_id, "asks": asks}}


def test_runs_are_in_seq_order_and_cut_at_a_missing_seq():
    updates = [request_update(seq, 1) for seq in (5, 3, 4, 7, 8)]
    assert [[u["seq"] for u in run] for run in batching.runs(updates)] == [[3, 4, 5], [7, 8]]


def test_a_lone_update_is_an_update_frame():
    assert batching.frame([request_update(3, 1)]) == {"type": "update", **request_update(3, 1)}


def test_only_each_requests_last_version_is_kept_until_another_kind_comes():
    run = [
        request_update(1, 10, 1),
        request_update(2, 11, 1),
        request_update(3, 10, 2),
        {"seq": 4, "kind": "queue.changed", "data": {"order": [10]}},
        request_update(5, 10, 3),
        request_update(6, 11, 2),
        request_update(7, 10, 4),
    ]
    frame = batching.frame(run)
    assert (frame["type"], frame["from_seq"], frame["seq"]) == ("updates", 1, 7)
    # 1 is superseded by 3; 3 stays (the queue names 10 after it); 5 is superseded by 7.
    assert [update["seq"] for update in frame["updates"]] == [2, 3, 4, 6, 7]


@pytest.fixture
def party(event, host, dj, co_dj, outsider, guest, guest2, guest3, songs) -> Party:
    return Party.make(event, host, dj, co_dj, outsider, guest, guest2, guest3, songs)


def a_busy_night(p: Party) -> None:
    """Every kind of request change, asks in bursts, the queue moved and played."""
    requests = [actions.request_song(p.gina, song.pk) for song in p.songs[:4]]
    for guest, index in ((p.gus, 0), (p.greta, 0), (p.gus, 1), (p.greta, 3)):
        actions.ask(guest, requests[index].pk)
    for song_request in requests[:3]:
        actions.accept(p.event, p.dj, song_request.pk)
    actions.ask(p.greta, requests[2].pk)
    actions.reorder(p.event, p.dj, requests[2].pk, 1)
    actions.cancel(p.gina, requests[3].pk)
    actions.cancel(p.greta, requests[3].pk)
    late = actions.request_song(p.greta, p.songs[4].pk)
    actions.ask(p.gina, late.pk)
    actions.cancel(p.gina, late.pk)
    actions.play(p.event, p.dj, requests[2].pk)
    actions.deny(p.event, p.dj, requests[0].pk)
    actions.queue_song(p.event, p.dj, p.songs[5].pk, position=1)
    actions.tell_mood(p.gus, "happy")
    actions.finish(p.event, p.dj)
    rush = actions.request_song(p.gus, p.songs[6].pk)
    actions.ask(p.gina, rush.pk)
    actions.ask(p.greta, rush.pk)
    actions.accept(p.event, p.dj, rush.pk)
    actions.ask(p.greta, late.pk)


def windows(log: list[dict], rng: random.Random) -> list[list[dict]]:
    """The log cut into windows at random, as a busy fan-out would cut it."""
    cut, start = [], 0
    while start < len(log):
        size = rng.randint(1, 8)
        cut.append(log[start : start + size])
        start += size
    return cut


def listed(window: list[dict]) -> list[dict]:
    """What the frames of one window list, in order, as a page applies them."""
    return [update for run in batching.runs(window) for update in each_frame(batching.frame(run))]


def test_applying_the_frames_gives_the_snapshot_however_the_night_is_cut(party, node, tmp_path):  # noqa: F811
    before = {viewer: snapshot(party.event, *party.role_and_identity(viewer)) for viewer in VIEWERS}
    a_busy_night(party)
    log = updates_since(party.event, before["gina"]["seq"])  # the co-DJ joined before
    kinds = {update["kind"] for update in log}
    assert {"request.created", "request.asked", "request.accepted", "request.denied", "request.cancelled"} <= kinds
    assert {"queue.changed", "now_playing.changed"} <= kinds
    after = {viewer: snapshot(party.event, *party.role_and_identity(viewer)) for viewer in VIEWERS}
    rng = random.Random(14)
    cases = []
    for trial in range(200):
        sent = [update for window in windows(log, rng) for update in listed(window)]
        for viewer in VIEWERS:
            state = apply_updates(before[viewer]["state"], sent)
            assert logged(state) == logged(after[viewer]["state"]), f"cut {trial}, {viewer}"
            if trial < 10:
                case = {"before": before[viewer]["state"], "updates": sent, "after": after[viewer]["state"]}
                cases.append({"scenario": f"cut {trial}", "viewer": viewer, **case})
    assert len(listed(log)) < len(log)  # one window over the whole night: superseded versions left out
    run_cases(node, cases, tmp_path)


async def test_a_burst_of_asks_reaches_a_phone_in_a_few_frames(event, guest, songs):
    """Through the real consumers and fan-out: 30 guests ask within a moment; a watching
    phone receives far fewer frames than updates, and ends where a snapshot would."""
    crowd = [await database_sync_to_async(make_guest)(event, f"Phone {n}") for n in range(30)]
    first = await database_sync_to_async(actions.request_song)(guest, songs[0].pk)
    watcher = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    opened = await watcher.open()

    def rush() -> None:
        for n, asker in enumerate(crowd):
            if n % 2:
                actions.ask(asker, first.pk)
            else:
                actions.request_song(asker, songs[1 + n % 5].pk)

    await database_sync_to_async(rush)()
    frames, seq = [], opened["seq"]
    while seq < opened["seq"] + len(crowd):
        message = await watcher.communicator.receive_output(5)
        frame = json.loads(message["text"])
        frames.append(frame)
        seq = frame.get("seq", seq)
    assert len(frames) < len(crowd) / 2
    state = apply_updates(opened["state"], [u for frame in frames for u in each_frame(frame)])
    fresh = await database_sync_to_async(snapshot)(event, "guest", Identity(guest=guest))
    assert logged(state) == logged(fresh["state"])
    await watcher.close()


async def test_a_djs_update_never_waits_for_the_crowds_window(event, dj, guest, guest2, songs):
    """An accept that comes while asks are held goes out at once, the held asks before it."""
    first = await database_sync_to_async(actions.request_song)(guest, songs[0].pk)
    watcher = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    seq = (await watcher.open())["seq"]
    await database_sync_to_async(actions.request_song)(guest2, songs[1].pk)  # opens the window
    await database_sync_to_async(actions.ask)(guest2, first.pk)  # held
    await database_sync_to_async(actions.accept)(event, dj, first.pk)
    message = await watcher.communicator.receive_output(1)
    assert json.loads(message["text"])["seq"] == seq + 1  # the first of the churn: at once
    message = await watcher.communicator.receive_output(batching.COALESCE_S / 2)  # well before the window closes
    frame = json.loads(message["text"])
    assert (frame["type"], frame["from_seq"], frame["seq"]) == ("updates", seq + 2, seq + 3)
    # The held ask is the same request's earlier version: the accept carries it.
    assert [(update["kind"], update["data"]["asks"]) for update in frame["updates"]] == [("request.accepted", 2)]
    await watcher.close()


async def raw_frames(socket: Socket, until_ref: str | None = None, quiet: float = 0.3) -> list[dict]:
    """The frames as they came (an `updates` frame whole), up to the answer to `until_ref`,
    or until nothing came for `quiet` seconds."""
    frames = []
    while until_ref is not None or not await socket.communicator.receive_nothing(timeout=quiet):
        frames.append(json.loads((await socket.communicator.receive_output(RECEIVE_TIMEOUT_S))["text"]))
        if until_ref is not None and frames[-1].get("ref") == until_ref:
            return frames
    return frames


async def test_a_burst_of_requests_on_the_sockets_still_reaches_the_crowd_in_a_few_frames(event, guest, songs):
    """Each page that acts sees its own change no later than its answer; the held updates
    go to it alone, so the crowd still gets the burst in a few frames, and the page that
    acted gets no update twice."""
    actors = []
    for n in range(len(songs)):
        asker = await database_sync_to_async(make_guest)(event, f"Phone {n}")
        actors.append(Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(asker)))
    watcher = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    opened = await watcher.open()
    seq = opened["seq"]
    for actor in actors:
        assert (await actor.open())["seq"] == seq
    started = time.monotonic()
    refs = [await actor.call("request", song_id=songs[n].pk) for n, actor in enumerate(actors)]

    one_process = settings.CHANNEL_LAYERS["default"]["BACKEND"] == "channels.layers.InMemoryChannelLayer"
    answered = [await raw_frames(actor, until_ref=ref) for actor, ref in zip(actors, refs, strict=True)]
    elapsed = time.monotonic() - started

    for actor, frames in zip(actors, answered, strict=True):
        *updates, answer = frames
        assert answer["type"] == "ack"
        if one_process:  # through Redis, its own update may come a moment after
            mine = [u for f in updates for u in each_frame(f) if u["data"]["id"] == answer["data"]["request"]["id"]]
            assert mine, "the page's own change came before its answer"
        frames += await raw_frames(actor)  # the rest, when the windows close
        covered = [update["seq"] for frame in frames if frame["type"] != "ack" for update in each_frame(frame)]
        assert covered == sorted(set(covered))  # nothing twice, in order
        assert covered[-1] == seq + len(actors)

    seen = await raw_frames(watcher)
    # The first at once, then a frame a window (one per action before; a slow machine
    # spreads the burst over more windows).
    assert len(seen) <= 2 + elapsed / batching.COALESCE_S
    state = apply_updates(opened["state"], [u for frame in seen for u in each_frame(frame)])
    fresh = await database_sync_to_async(snapshot)(event, "guest", Identity(guest=guest))
    assert logged(state) == logged(fresh["state"])
    for socket in [*actors, watcher]:
        await socket.close()
