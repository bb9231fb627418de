"""The cluster under a crowd: `make cluster`'s topology (nginx in front, a host server, a
DJ server, 4 guest servers, both engines' workers) on PostgreSQL and Redis.

For each crowd size, N guests of one event connect through the front door (nginx spreads
them over the guest servers); the DJ, on the DJ server, acts 10 times a second: an
accept, then a reorder of the queue (the queue is kept short by playing its head). We
note, at every guest, when each accept's update arrives: p50/p99 from the DJ's action
to the guest, and the updates that never arrived (lost). The guest servers' CPU and
memory are read from /proc before and during the measurement. In the same run, the same
clients measure the reference (reference_broadcast.py: one `websockets` process) on
the same work: one more phone of ours keeps every frame it received, and the reference
broadcasts those very frames at the moments they arrived (accepts, reorders, plays, as
our guests got them). Compression is off on both sides and the client's own collector is
paused while it measures (fanout_latency.py's Crowd).

Then a burst: 300 guests request a song at the same instant, through the front door, on
their sockets as the guest page does; 300 more all request one song (one request, then
+1s on it); and 300 over HTTP while one more phone watches (how many frames carried the
burst's updates to it). Each burst starts once the servers have settled (SETTLE_S) from
the connections before it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/cluster.py
    .venv/bin/python benchmarks/cluster.py --guests 1000 --updates 30 --layer pubsub

It needs PostgreSQL (a scratch database beside DATABASE_URL, dropped after; default the
local server), Redis (REDIS_URL, default the local one) and nginx (`make frontdoor`).
Everything listens on 127.0.0.1.
"""

import argparse
import asyncio
import gc
import json
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from benchmarks.fanout_latency import (  # noqa: E402
    Crowd,
    accepted_key,
    benchmark_songs,
    percentiles,
    post,
    quiet_collector,
    request_each,
    run_reference,
)
from benchmarks.request_burst import burst, call  # noqa: E402
from benchmarks.scratch import scratch_database  # noqa: E402
from liveparty.processes import free_port  # noqa: E402
from liveparty.serving.cluster import DEFAULT_REDIS_URL, Cluster  # noqa: E402

GUEST_SERVERS = 4
SETTLE_S = 5.0
BURST_TIMEOUT_S = 120
QUEUE_LENGTH = 4  # the DJ plays the head of the queue when it is this long
SONGS = 2_000
MAKE_SONGS = (
    "from liveparty.catalog.models import Song;"
    f"Song.objects.bulk_create(Song(title=f'Benchmark song {{i:04}}', artist='Band') for i in range({SONGS}))"
)
# Guests in bulk with their tokens (joining 5,000 one by one through the API would take
# minutes): printed as JSON.
MAKE_GUESTS = """
import json
from liveparty.accounts.models import Guest
from liveparty.accounts.tokens import GUEST_PREFIX, new_token
from liveparty.events.models import Event
event = Event.objects.get(code="{code}")
tokens, rows = [], []
for i in range({count}):
    token, token_hash = new_token(GUEST_PREFIX)
    tokens.append(token)
    rows.append(Guest(event=event, nickname=f"Phone {{i}}", nickname_key=f"phone {{i}}", token_hash=token_hash))
Guest.objects.bulk_create(rows, batch_size=1000)
print(json.dumps(tokens))
"""


class Recorder(Crowd):
    """A phone that keeps every frame with the time it arrived: the reference's script."""

    def __init__(self) -> None:
        super().__init__(lambda text: None)
        self.frames: list[tuple[float, str]] = []

    def other(self, text: str) -> None:
        self.frames.append((time.perf_counter(), text))


class Requesters(Crowd):
    """Phones that each send one action on their socket, as the guest page does, and note
    when its answer (ack or error, matched by the frame's id) arrives."""

    def __init__(self) -> None:
        super().__init__(lambda text: None)
        self.snapshots = 0
        self.answers: dict[str, tuple[float, dict]] = {}

    def other(self, text: str) -> None:
        if text.startswith('{"type":"snapshot"'):
            self.snapshots += 1
        elif text.startswith(('{"type":"ack"', '{"type":"error"')):
            frame = json.loads(text)
            self.answers[frame["ref"]] = (time.perf_counter(), frame)


class Console(Crowd):
    """The DJ's socket: the accepts' updates, and any action refused."""

    def __init__(self) -> None:
        super().__init__(accepted_key)
        self.errors: list[dict] = []

    def other(self, text: str) -> None:
        if text.startswith('{"type":"error"'):
            self.errors.append(json.loads(text))


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def party(cluster: Cluster, guests: int, updates: int) -> tuple[str, str, list[str], list[int]]:
    """A DJ, an event, N guests with their tokens, and one pending request per accept."""
    base = cluster.url
    account = post(f"{base}/api/accounts", {"username": f"dj-{guests}", "password": "benchmark-password"})
    code = post(f"{base}/api/events", {"name": f"Tent of {guests}"}, account["token"])["code"]
    made = cluster.manage("shell", "-c", MAKE_GUESTS.format(code=code, count=guests))
    tokens = json.loads(made.strip().splitlines()[-1])  # after whatever Django printed
    songs = benchmark_songs(base, code, tokens[0], updates)
    return code, account["token"], tokens, request_each(base, code, songs, tokens)


async def measure(cluster: Cluster, guests: int, updates: int, interval: float) -> dict:
    code, dj_token, tokens, song_requests = await asyncio.to_thread(party, cluster, guests, updates)
    ws = cluster.url.replace("http://", "ws://")
    servers = [process.popen.pid for process in cluster.processes if process.serves == "guest"]
    memory_before = sum(rss_mib(pid) for pid in servers)
    crowd, console, recorder = Crowd(accepted_key), Console(), Recorder()
    await crowd.join(f"{ws}/ws/events/{code}/guest/", tokens)
    await recorder.join(f"{ws}/ws/events/{code}/guest/", tokens[:1])
    await console.join(f"{ws}/ws/events/{code}/dj/", [dj_token])
    await asyncio.sleep(SETTLE_S)
    memory = sum(rss_mib(pid) for pid in servers) - memory_before
    cpu_before, started = sum(cpu_seconds(pid) for pid in servers), time.perf_counter()
    quiet_collector()
    dj = console.sockets[0]
    sent_at, queue = {}, []
    for n, song_request in enumerate(song_requests):
        sent_at[str(song_request)] = time.perf_counter()
        await dj.send(json.dumps({"id": f"a{n}", "action": "accept", "request_id": song_request}))
        queue.append(song_request)
        await asyncio.sleep(interval / 2)
        if len(queue) >= 2:  # the newest to the head of the queue
            await dj.send(json.dumps({"id": f"r{n}", "action": "reorder", "request_id": queue[-1], "position": 1}))
            queue.insert(0, queue.pop())
        if len(queue) >= QUEUE_LENGTH:
            await dj.send(json.dumps({"id": f"p{n}", "action": "play", "request_id": queue.pop(0)}))
        await asyncio.sleep(interval / 2)
    latencies = await crowd.latencies(sent_at)
    refused = Counter(frame.get("error", {}).get("code") for frame in console.errors)
    wall = time.perf_counter() - started
    cpu = sum(cpu_seconds(pid) for pid in servers) - cpu_before
    for each in (crowd, console, recorder):
        await each.close()
    return {
        "guests": latencies,
        "sent": len(sent_at),
        "dj_refused": dict(refused),
        "cpu_per_1000": cpu / wall / (guests / 1000),
        "memory_per_1000": memory / (guests / 1000),
        "code": code,
        "tokens": tokens,
        "script": [(arrived - started, text) for arrived, text in recorder.frames if arrived >= started],
    }


def request_burst(cluster: Cluster, code: str, tokens: list[str], count: int, skip: int) -> dict:
    """`count` guests who have not asked for anything yet, each requesting a song nobody
    asked for (the first `skip` songs were the measurement's)."""
    songs = benchmark_songs(cluster.url, code, tokens[0], skip + count)[skip:]
    started = time.perf_counter()
    results = burst(
        lambda i: call(f"{cluster.url}/api/events/{code}/requests", {"song_id": songs[i]}, tokens[-1 - i]), count
    )
    wall = time.perf_counter() - started
    answered = sum(1 for status, _, _ in results if status == 201)
    refused = Counter(
        f"{status} {body.get('error', {}).get('code', '')}".strip() for status, body, _ in results if status != 201
    )
    return {
        "answered": answered,
        "refused": dict(refused),
        "latencies": [seconds * 1000 for _, _, seconds in results],
        "wall": wall,
    }


async def socket_burst(cluster: Cluster, code: str, tokens: list[str], songs: list[int]) -> dict:
    """The burst as phones send it: each guest, already connected, sends its request on
    its socket at the same instant; the time to its answer."""
    phones = Requesters()
    await phones.join(f"{cluster.url.replace('http://', 'ws://')}/ws/events/{code}/guest/", tokens)
    deadline = time.perf_counter() + BURST_TIMEOUT_S
    while phones.snapshots < len(tokens) and time.perf_counter() < deadline:
        await asyncio.sleep(0.01)
    # Phones at a party have been connected a while when a burst comes: the servers'
    # settling after 300 new connections (and the last crowd's 5,000 leaving) is not the burst.
    await asyncio.sleep(SETTLE_S)
    frames = [json.dumps({"id": f"b{i}", "action": "request", "song_id": song}) for i, song in enumerate(songs)]
    quiet_collector()
    started = time.perf_counter()
    await asyncio.gather(*(sock.send(frame) for sock, frame in zip(phones.sockets, frames, strict=True)))
    while len(phones.answers) < len(frames) and time.perf_counter() < deadline:
        await asyncio.sleep(0.005)
    gc.unfreeze()
    gc.enable()
    await phones.close()
    answers = list(phones.answers.values())
    return {
        "answered": sum(frame["type"] == "ack" for _, frame in answers),
        "refused": dict(Counter(frame["code"] for _, frame in answers if frame["type"] == "error")),
        "latencies": [(arrived - started) * 1000 for arrived, _ in answers],
        "wall": max((arrived for arrived, _ in answers), default=started) - started,
        "unanswered": len(frames) - len(answers),
    }


async def watched_burst(cluster: Cluster, code: str, tokens: list[str], count: int, skip: int) -> tuple[dict, dict]:
    """The burst, with one more phone watching: how many frames the burst's updates took."""
    phone = Recorder()
    await phone.join(f"{cluster.url.replace('http://', 'ws://')}/ws/events/{code}/guest/", tokens[:1])
    await asyncio.sleep(SETTLE_S)  # as for the burst on the sockets
    result = await asyncio.to_thread(request_burst, cluster, code, tokens, count, skip)
    await asyncio.sleep(SETTLE_S)  # the last window's frame
    await phone.close()
    texts = [text for _, text in phone.frames if text.startswith('{"type":"update')]  # update and updates
    frames = [json.loads(text) for text in texts]
    covered = sum(frame["seq"] - frame.get("from_seq", frame["seq"]) + 1 for frame in frames)
    largest = max((len(text.encode()) for text in texts), default=0)
    return result, {"frames": len(frames), "updates": covered, "largest": largest}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guests", type=int, nargs="+", default=[1000, 2000, 5000])
    parser.add_argument("--updates", type=int, default=50, help="accepts per crowd")
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between accepts (a reorder between)")
    parser.add_argument("--burst", type=int, default=300)
    parser.add_argument("--layer", choices=["redis", "pubsub"], default="pubsub", help="LIVEPARTY_CHANNEL_LAYER")
    args = parser.parse_args()
    with running_cluster("bench", LIVEPARTY_CHANNEL_LAYER=args.layer) as cluster:
        run(cluster, args)


@contextmanager
def running_cluster(name: str, **extra_env: str) -> Iterator[Cluster]:
    """The cluster with GUEST_SERVERS guest servers and the benchmark's songs, on a scratch
    database beside DATABASE_URL (default the local server) and REDIS_URL; everything
    stopped and the database dropped after. A namespace of this run's own in the shared
    Redis: the scratch database's ids (event 2, user 4) are those of every earlier run's."""
    database_url = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    with tempfile.TemporaryDirectory(prefix=f"liveparty-{name}-") as var:
        scratch, drop = scratch_database(database_url, Path(var))
        cluster = Cluster(
            port=free_port(),
            guest_servers=GUEST_SERVERS,
            database_url=scratch,
            redis_url=os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL,
            var_dir=Path(var),
            extra_env={**extra_env, "LIVEPARTY_REDIS_NAMESPACE": f"{name}-{os.getpid()}"},
        )
        try:
            cluster.prepare()
            cluster.manage("shell", "-c", MAKE_SONGS)
            cluster.serve()
            yield cluster
        finally:
            cluster.stop()
            drop()


def run(cluster: Cluster, args: argparse.Namespace) -> None:
    layer = cluster.extra_env["LIVEPARTY_CHANNEL_LAYER"]
    print(f"cluster: nginx, host, DJ, {GUEST_SERVERS} guest servers, engine workers; PostgreSQL; Redis, {layer} layer")
    print("DJ accept -> update at each guest, ms; CPU and memory of the guest servers per 1,000 connections")
    print("guests | ours p50   p99 | reference p50   p99 | p99 ratio | lost (ours, reference) | CPU %/1000 | MiB/1000")
    last = None
    for guests in args.guests:
        ours = asyncio.run(measure(cluster, guests, args.updates, args.interval))
        if ours["dj_refused"]:
            print(f"       the DJ's actions refused: {ours['dj_refused']}", flush=True)
        if not ours["guests"]:
            print(f"{guests:6} | no update reached a guest", flush=True)
            continue
        theirs = run_reference(guests, ours["script"], accepted_key)
        (o50, o99), (r50, r99) = percentiles(ours["guests"]), percentiles(theirs["guests"])
        expected = guests * args.updates
        print(
            f"{guests:6} | {o50:8.1f} {o99:5.1f} | {r50:13.1f} {r99:5.1f} | {o99 / r99:9.2f} | "
            f"{expected - len(ours['guests']):>10}, {expected - len(theirs['guests'])} | "
            f"{ours['cpu_per_1000'] * 100:10.1f} | {ours['memory_per_1000']:8.1f}",
            flush=True,
        )
        last = ours
    code, tokens, count, skip = last["code"], last["tokens"], args.burst, args.updates
    songs = benchmark_songs(cluster.url, code, tokens[0], skip + 2 * count + 1)[skip + count :]
    print()
    for what, burst_songs, phones_tokens in (
        ("a request", songs[:count], tokens[-2 * count : -count]),
        # A crowd that wants one song: a request, then +1s on it, each rewriting its askers.
        ("a request for one song", [songs[count]] * count, tokens[-3 * count : -2 * count]),
    ):
        phones = asyncio.run(socket_burst(cluster, code, phones_tokens, burst_songs))
        p50, p99 = percentiles(phones["latencies"])
        print(
            f"burst: {count} guests send {what} on their sockets at once (as the guest page does): "
            f"{phones['answered']}/{count} answered, p50 {p50:.0f} ms, p99 {p99:.0f} ms, "
            f"{phones['answered'] / phones['wall']:.0f} requests/s; refused: {phones['refused'] or 'none'}; "
            f"unanswered: {phones['unanswered']}",
            flush=True,
        )
    burst_result, watched = asyncio.run(watched_burst(cluster, code, tokens, count, skip))
    b50, b99 = percentiles(burst_result["latencies"])
    print(
        f"burst: {count} guests POST a request at once through the front door (one new HTTP connection each): "
        f"{burst_result['answered']}/{count} answered, p50 {b50:.0f} ms, p99 {b99:.0f} ms, "
        f"{burst_result['answered'] / burst_result['wall']:.0f} requests/s; "
        f"refused: {burst_result['refused'] or 'none'}"
    )
    print(
        f"a phone watching the HTTP burst: {watched['updates']} updates in {watched['frames']} frames "
        f"(the largest {watched['largest']:,} bytes)"
    )


if __name__ == "__main__":
    main()
