"""No page drifts from the truth: snapshot without a race, resume, and gap repair."""

from channels.db import database_sync_to_async

from consumers import base
from consumers import fanout as fanout_module
from consumers.fanout import Fanout
from liveparty import actions
from liveparty.updates import services as updates
from tests.realtime.sockets import Socket, account_headers, guest_headers


async def guest_socket(event, guest) -> tuple[Socket, dict]:
    socket = Socket(f"/ws/events/{event.code}/guest/", await database_sync_to_async(guest_headers)(guest))
    return socket, await socket.open()


async def updates_until_quiet(socket: Socket) -> list[dict]:
    frames = []
    while not await socket.nothing():
        frames.append(await socket.receive())
    return [frame for frame in frames if frame["type"] == "update"]


async def test_a_change_made_while_the_snapshot_is_read_arrives_once(event, guest, guest2, songs, monkeypatch):
    read_snapshot = base.snapshot

    def snapshot_then_a_change(*args):
        frame = read_snapshot(*args)
        actions.request_song(guest2, songs[0].pk)  # committed and published before the snapshot is sent
        return frame

    monkeypatch.setattr(base, "snapshot", snapshot_then_a_change)
    socket, snap = await guest_socket(event, guest)
    assert snap["seq"] == 0
    assert [u["seq"] for u in await updates_until_quiet(socket)] == [1]


async def test_a_change_inside_the_snapshot_is_not_sent_again(event, guest, guest2, songs, monkeypatch):
    read_snapshot = base.snapshot

    def a_change_then_snapshot(*args):
        actions.request_song(guest2, songs[0].pk)  # published while this connection is syncing
        return read_snapshot(*args)

    monkeypatch.setattr(base, "snapshot", a_change_then_snapshot)
    socket, snap = await guest_socket(event, guest)
    assert snap["seq"] == 1
    assert await updates_until_quiet(socket) == []


async def test_resume_replays_what_was_missed(event, dj, guest, guest2, songs):
    socket, snap = await guest_socket(event, guest)
    await socket.close()
    song_request = await database_sync_to_async(actions.request_song)(guest2, songs[0].pk)
    await database_sync_to_async(actions.accept)(event, dj, song_request.pk)
    await database_sync_to_async(actions.play)(event, dj, song_request.pk)
    again, fresh = await guest_socket(event, guest)
    assert fresh["seq"] == snap["seq"] + 3
    ref = await again.call("resume", last_seq=snap["seq"])
    ack = await again.until("ack", ref=ref)
    assert ack["data"] == {"snapshot": False, "replayed": 3, "seq": 3}
    replayed = [frame for frame in again.backlog if frame["type"] == "update"]
    assert [(u["seq"], u["kind"]) for u in replayed] == [
        (1, "request.created"),
        (2, "request.accepted"),
        (3, "now_playing.changed"),
    ]


async def test_resume_from_the_present_replays_nothing(event, guest):
    socket, snap = await guest_socket(event, guest)
    ref = await socket.call("resume", last_seq=snap["seq"])
    assert (await socket.until("ack", ref=ref))["data"] == {"snapshot": False, "replayed": 0, "seq": 0}


async def test_resume_from_before_the_log_gets_a_snapshot(event, guest, guest2, dj, songs, monkeypatch):
    monkeypatch.setattr(updates, "LOG_RETENTION", 2)
    monkeypatch.setattr(updates, "PRUNE_EVERY", 1)
    socket, _ = await guest_socket(event, guest)
    for song in songs[:4]:
        await database_sync_to_async(actions.request_song)(guest2, song.pk)
    ref = await socket.call("resume", last_seq=0)
    ack = await socket.until("ack", ref=ref)
    assert ack["data"] == {"snapshot": True, "replayed": 0, "seq": 4}
    snap = next(frame for frame in socket.backlog if frame["type"] == "snapshot")
    assert (snap["seq"], len(snap["state"]["stack"])) == (4, 4)


async def test_resume_from_the_future_gets_a_snapshot(event, guest):
    socket, _ = await guest_socket(event, guest)
    ref = await socket.call("resume", last_seq=99)
    assert (await socket.until("ack", ref=ref))["data"]["snapshot"] is True


async def test_an_update_the_layer_lost_is_read_from_the_log(event, guest, guest2, songs, monkeypatch):
    dispatch = Fanout.dispatch

    def lose_seq_2(self, message):
        if message.get("seq") != 2:
            dispatch(self, message)

    monkeypatch.setattr(Fanout, "dispatch", lose_seq_2)
    socket, _ = await guest_socket(event, guest)
    for song in songs[:3]:
        await database_sync_to_async(actions.request_song)(guest2, song.pk)
    assert [u["seq"] for u in await updates_until_quiet(socket)] == [1, 2, 3]


def count_log_reads(monkeypatch) -> dict[str, int]:
    """How often the fan-out and the connections read the log (after this call)."""
    reads = {"fanout": 0, "connections": 0}
    for module, who in ((fanout_module, "fanout"), (base, "connections")):

        def counted(*args, read=module.updates_since, who=who):
            reads[who] += 1
            return read(*args)

        monkeypatch.setattr(module, "updates_since", counted)
    return reads


async def test_updates_arriving_out_of_order_are_sent_in_order(event, guest, guest2, songs, monkeypatch):
    """Two servers' changes reach Redis in the order they were published: the fan-out
    puts them back in order before any connection sees them, with no read of the log."""
    held = []
    dispatch = Fanout.dispatch

    def hold_seq_1(self, message):
        if message.get("seq") == 1:
            held.append(message)
            return
        dispatch(self, message)
        for late in held:
            dispatch(self, late)
        held.clear()

    monkeypatch.setattr(Fanout, "dispatch", hold_seq_1)
    socket, _ = await guest_socket(event, guest)
    reads = count_log_reads(monkeypatch)
    for song in songs[:2]:
        await database_sync_to_async(actions.request_song)(guest2, song.pk)
    assert [u["seq"] for u in await updates_until_quiet(socket)] == [1, 2]
    assert reads == {"fanout": 0, "connections": 0}


async def test_a_gap_is_read_from_the_log_once_for_all_the_connections_of_a_process(
    event, dj, guest, guest2, songs, monkeypatch
):
    """A burst spread over several servers leaves gaps at every fan-out: one read of the
    log per gap and process, not one per connection (which was most of a server's work)."""
    dispatch = Fanout.dispatch

    def lose_seq_1(self, message):
        if message.get("seq") != 1:
            dispatch(self, message)

    monkeypatch.setattr(Fanout, "dispatch", lose_seq_1)
    sockets = [(await guest_socket(event, guest))[0] for _ in range(3)]
    sockets.append(Socket(f"/ws/events/{event.code}/dj/", await database_sync_to_async(account_headers)(dj)))
    await sockets[-1].open()
    reads = count_log_reads(monkeypatch)
    for song in songs[:3]:
        await database_sync_to_async(actions.request_song)(guest2, song.pk)
    for socket in sockets:
        frames = []
        while not await socket.nothing():
            frames.append(await socket.receive())
        covered = [u["seq"] for f in frames if f["type"] == "updates" for u in f["updates"]]
        covered += [f["seq"] for f in frames if f["type"] == "update"]
        assert covered == [1, 2, 3]
    assert reads == {"fanout": 1, "connections": 0}


async def test_an_update_the_layer_lost_in_a_quiet_spell_arrives_with_the_audit(
    event, guest, guest2, songs, monkeypatch
):
    """No later update shows the gap: the fan-out's audit finds the page behind the log."""
    monkeypatch.setattr(fanout_module, "AUDIT_S", 0.2)
    socket, snap = await guest_socket(event, guest)
    monkeypatch.setattr(updates, "_publish_on_commit", lambda group, message: None)  # the layer loses it
    song_request = await database_sync_to_async(actions.request_song)(guest2, songs[0].pk)
    update = await socket.receive(timeout=3)
    assert (update["type"], update["seq"], update["data"]["id"]) == ("update", snap["seq"] + 1, song_request.pk)
    assert await socket.nothing()
