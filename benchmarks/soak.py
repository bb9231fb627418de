"""A night held: N guests (1,000) for M minutes (10) on the cluster of `make cluster`
(nginx, a host server, a DJ server, 4 guest servers, the engines' workers) on PostgreSQL
and Redis, doing what guests do.

Each guest, connected through the front door, acts every THINK_S seconds on average:
requests a song, +1s a request it heard of, rates the song playing, taps a mood, or
searches (over HTTP). The DJ accepts the most asked-for request every 2 s and plays
the head of the queue when it is long. Every STORM_S a quarter of the phones drop and
come back (a reconnect storm). A few pranksters fire requests five times
a second, into the limits.

Each phone follows the pages' rules (liveparty/static/liveparty/party-client.js): it
takes the snapshot a connection starts with, applies runs in seq order, and after a gap
skips the run and sends `resume` once. At the end, once quiet: every phone is at the
log's last seq, the watched phones' states equal fresh snapshots (tests/state_reducer.py),
and the database agrees with itself (each request's ask count with its asks, the log
with its stream). Printed: actions and answers by kind, refusals by code (the
pranksters' apart), p50/p99 from an action to its answer, the guest servers' memory
from start to end.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/soak.py
    .venv/bin/python benchmarks/soak.py --guests 300 --minutes 2

Loopback only; a scratch database beside DATABASE_URL, dropped after.
"""

import argparse
import asyncio
import gc
import json
import random
import re
import sys
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from websockets.asyncio.client import ClientConnection, connect  # noqa: E402
from websockets.exceptions import ConnectionClosed  # noqa: E402

from benchmarks.cluster import GUEST_SERVERS, MAKE_GUESTS, rss_mib, running_cluster  # noqa: E402
from benchmarks.fanout_latency import percentiles, post  # noqa: E402
from liveparty.processes import http_json  # noqa: E402
from liveparty.serving.cluster import Cluster  # noqa: E402
from tests.state_reducer import apply_updates  # noqa: E402

THINK_S = 40.0
DJ_EVERY_S = 2.0
STORM_S = 90.0
STORM_SHARE = 0.25
PRANKSTERS = 10
PRANK_EVERY_S = 1.0
# Phones that keep a page's whole state (the others follow the seq only): the reference
# reducer copies the state for each update, and the measuring client must not be the
# bottleneck.
WATCHED = 10
SETTLE_S = 10.0
CONNECT_WAVE = 100
# A phone's browser gives a handshake much longer than the client library's 10 s; one
# that takes longer still is tried again, as the page's reconnect does.
HANDSHAKE_TIMEOUT_S = 60.0
MOODS = ["happy", "chill", "energetic", "sad", "tense"]
SEQ_OF = re.compile(r'^\{"type":"updates?",(?:"from_seq":(\d+),)?"seq":(\d+)')
# The database against itself: each request's ask count with its asks, the log with its stream.
CHECK = """
import json
from django.db.models import Count, Max, Q
from liveparty.song_requests.models import SongRequest
from liveparty.updates.models import Stream, Update
from liveparty.events.models import Event
event = Event.objects.get(code="{code}")
counted = SongRequest.objects.filter(event=event).annotate(
    live=Count("asks", filter=Q(asks__withdrawn_at__isnull=True))
)
wrong = [r.pk for r in counted if r.ask_count != r.live]
stream = Stream.objects.get(event=event).last_seq
logged = Update.objects.filter(event=event).aggregate(top=Max("seq"))["top"] or 0
print(json.dumps({{"ask_counts_wrong": wrong, "stream": stream, "log": logged}}))
"""


class Phone:
    """One guest's socket: answers timed by ref; the state kept when watched."""

    def __init__(self, soak: "Soak", token: str, watched: bool) -> None:
        self.soak, self.token, self.watched = soak, token, watched
        self.connection: ClientConnection | None = None
        self.reader: asyncio.Task | None = None
        self.seq = 0
        self.state: dict | None = None
        self.sent = 0
        self.waiting: dict[str, tuple[float, str]] = {}
        self.gaps = 0
        self.resuming: str | None = None

    async def open(self) -> None:
        """Connect; the first frame is the snapshot, which the page takes (a page that
        reconnects does the same: party-client.js). The time to it is noted."""
        url = f"{self.soak.ws}/ws/events/{self.soak.code}/guest/"
        started = time.perf_counter()
        while True:
            try:
                self.connection = await connect(
                    url,
                    additional_headers={"Authorization": f"Bearer {self.token}"},
                    compression=None,
                    max_queue=None,
                    open_timeout=HANDSHAKE_TIMEOUT_S,
                )
                break
            except TimeoutError:
                self.soak.handshakes_retried += 1
        first = json.loads(await self.connection.recv())
        self.soak.handshakes.append((time.perf_counter() - started) * 1000)
        self.seq, self.state = first["seq"], first["state"] if self.watched else None
        self.resuming = None
        self.reader = asyncio.create_task(self.read())

    async def read(self) -> None:
        try:
            async for text in self.connection:
                self.receive(text)
        except ConnectionClosed:
            pass

    def receive(self, text: str) -> None:
        if text.startswith(('{"type":"ack"', '{"type":"error"')):
            frame = json.loads(text)
            if frame["ref"] == self.resuming:
                self.resuming = None
            sent = self.waiting.pop(frame["ref"], None)
            if sent is not None:
                self.soak.answered(sent, frame)
            if self.watched and frame["type"] == "ack" and "rating" in frame["data"]:
                self.state["me"]["rating"] = frame["data"]["rating"]  # as the page does
            return
        match = SEQ_OF.match(text)
        if match is None:
            if text.startswith('{"type":"snapshot"'):
                frame = json.loads(text)
                self.seq, self.state = frame["seq"], frame["state"] if self.watched else None
            return
        last = int(match.group(2))
        first = int(match.group(1) or last)
        if last <= self.seq:
            return  # replayed on resume: the page skips what it applied
        if first > self.seq + 1:  # as the page does: skip it, and resume once
            self.gaps += 1
            if self.resuming is None:
                self.sent += 1
                self.resuming = f"s{self.sent}"
                self.waiting[self.resuming] = (time.perf_counter(), "resume")
                asyncio.get_running_loop().create_task(self._send_resume(self.resuming))
            return
        if self.watched:
            frame = json.loads(text)
            updates = frame["updates"] if frame["type"] == "updates" else [frame]
            self.state = apply_updates(self.state, [u for u in updates if u["seq"] > self.seq])
        self.seq = last

    async def _send_resume(self, ref: str) -> None:
        try:
            await self.connection.send(json.dumps({"id": ref, "action": "resume", "last_seq": self.seq}))
        except ConnectionClosed:
            self.waiting.pop(ref, None)

    async def act(self, action: str, fields: dict, kind: str | None = None) -> None:
        self.sent += 1
        ref = f"s{self.sent}"
        self.waiting[ref] = (time.perf_counter(), kind or action)
        try:
            await self.connection.send(json.dumps({"id": ref, "action": action, **fields}))
        except ConnectionClosed:
            self.waiting.pop(ref, None)

    async def drop(self) -> None:
        if self.reader is not None:
            self.reader.cancel()
        await self.connection.close()
        self.waiting.clear()  # a page resends these with their ids; here they are simply not counted


class Soak:
    def __init__(self, cluster: Cluster, code: str, songs: list[int]) -> None:
        self.cluster, self.code, self.songs = cluster, code, songs
        self.ws = cluster.url.replace("http://", "ws://")
        self.latencies: list[float] = []
        self.handshakes: list[float] = []  # connect -> snapshot, ms
        self.handshakes_retried = 0
        self.actions: Counter[str] = Counter()
        self.refused: Counter[str] = Counter()
        self.prank_refused: Counter[str] = Counter()
        self.requests: list[int] = []
        self.playing = False

    def answered(self, sent: tuple[float, str], frame: dict) -> None:
        started, kind = sent
        self.latencies.append((time.perf_counter() - started) * 1000)
        self.actions[kind] += 1
        if frame["type"] == "error":
            (self.prank_refused if kind == "prank" else self.refused)[frame["code"]] += 1
        elif kind == "request":
            self.requests.append(frame["data"]["request"]["id"])
            del self.requests[:-200]

    async def guest(self, phone: Phone, until: float) -> None:
        rng = random.Random(phone.token)
        while (left := until - time.monotonic()) > 0:
            pause = rng.expovariate(1 / THINK_S)
            await asyncio.sleep(min(pause, left))
            if pause >= left:
                return
            roll = rng.random()
            if roll < 0.3:
                await phone.act("request", {"song_id": rng.choice(self.songs)})
            elif roll < 0.6 and self.requests:
                await phone.act("ask", {"request_id": rng.choice(self.requests)})
            elif roll < 0.75 and self.playing:
                await phone.act("rate", {"score": rng.randint(1, 5)})
            elif roll < 0.9:
                await phone.act("mood", {"mood": rng.choice(MOODS)})
            else:
                await self.search(phone, rng)

    async def search(self, phone: Phone, rng: random.Random) -> None:
        query = urllib.parse.quote(f"song {rng.randint(0, 99):02}")
        url = f"{self.cluster.url}/api/events/{self.code}/songs?q={query}"
        started = time.perf_counter()
        status, _ = await asyncio.to_thread(http_json, "GET", url, None, phone.token)
        self.latencies.append((time.perf_counter() - started) * 1000)
        self.actions["search"] += 1
        if status != 200:
            self.refused[f"search {status}"] += 1

    async def prankster(self, phone: Phone, until: float) -> None:
        rng = random.Random(phone.token)
        while time.monotonic() < until:
            await asyncio.sleep(PRANK_EVERY_S)
            await phone.act("request", {"song_id": rng.choice(self.songs)}, kind="prank")

    async def dj(self, console: Phone, until: float) -> None:
        while time.monotonic() < until:
            await asyncio.sleep(DJ_EVERY_S)
            state = console.state
            if state["stack"]:
                top = max(state["stack"], key=lambda request: request["asks"])
                await console.act("accept", {"request_id": top["id"]}, kind="dj accept")
            if len(state["queue"]) >= 3:
                await console.act("play", {"request_id": state["queue"][0]["id"]}, kind="dj play")
                self.playing = True

    async def storms(self, phones: list[Phone], until: float) -> None:
        rng = random.Random(7)
        while time.monotonic() + STORM_S < until:
            await asyncio.sleep(STORM_S)  # the last storm ends well before the night does
            dropped = rng.sample(phones, int(len(phones) * STORM_SHARE))
            for phone in dropped:
                await phone.drop()
            for start in range(0, len(dropped), CONNECT_WAVE):
                await asyncio.gather(*(phone.open() for phone in dropped[start : start + CONNECT_WAVE]))
            self.actions["storm"] += 1


async def night(cluster: Cluster, guests: int, minutes: float) -> dict:
    account = post(f"{cluster.url}/api/accounts", {"username": "soak-dj", "password": "soak-password-1"})
    code = post(f"{cluster.url}/api/events", {"name": "A night held"}, account["token"])["code"]
    made = cluster.manage("shell", "-c", MAKE_GUESTS.format(code=code, count=guests + PRANKSTERS))
    tokens = json.loads(made.strip().splitlines()[-1])
    found = post(f"{cluster.url}/api/events/{code}/songs?q=benchmark", token=tokens[0])
    songs = [song["id"] for song in found["results"]]
    page = 2
    while len(songs) < 400 and page:
        found = post(f"{cluster.url}/api/events/{code}/songs?q=benchmark&page={page}", token=tokens[0])
        songs += [song["id"] for song in found["results"]]
        page = found["next_page"]
    soak = Soak(cluster, code, songs)
    phones = [Phone(soak, token, watched=i < WATCHED) for i, token in enumerate(tokens[:guests])]
    pranksters = [Phone(soak, token, watched=False) for token in tokens[guests:]]
    console = Phone(soak, account["token"], watched=True)
    for start in range(0, len(phones), CONNECT_WAVE):
        await asyncio.gather(*(phone.open() for phone in phones[start : start + CONNECT_WAVE]))
    for phone in pranksters:
        await phone.open()
    console_url = f"{soak.ws}/ws/events/{code}/dj/"
    console.connection = await connect(
        console_url, additional_headers={"Authorization": f"Bearer {account['token']}"}, compression=None
    )
    first = json.loads(await console.connection.recv())
    console.seq, console.state = first["seq"], first["state"]
    console.reader = asyncio.create_task(console.read())
    servers = [p.popen.pid for p in cluster.processes if p.serves == "guest"]
    memory_before = sum(rss_mib(pid) for pid in servers)
    gc.collect()
    gc.freeze()
    started = time.monotonic()
    until = started + minutes * 60
    *_, trace = await asyncio.gather(
        *(soak.guest(phone, until) for phone in phones),
        *(soak.prankster(phone, until) for phone in pranksters),
        soak.dj(console, until),
        soak.storms(phones, until),
        memory_by_minute(servers, until),
    )
    await asyncio.sleep(SETTLE_S)
    memory_after = sum(rss_mib(pid) for pid in servers)
    checked = json.loads(cluster.manage("shell", "-c", CHECK.format(code=code)).strip().splitlines()[-1])
    behind = [phone for phone in phones if phone.seq != checked["stream"]]
    mismatched = 0
    for phone in phones[:WATCHED]:
        fresh = await connect(
            f"{soak.ws}/ws/events/{code}/guest/", additional_headers={"Authorization": f"Bearer {phone.token}"}
        )
        truth = json.loads(await fresh.recv())
        await fresh.close()
        mismatched += (phone.seq, phone.state) != (truth["seq"], truth["state"])
    unanswered = sum(len(phone.waiting) for phone in [*phones, *pranksters, console])
    for phone in [*phones, *pranksters, console]:
        await phone.drop()
    return {
        "soak": soak,
        "minutes": (time.monotonic() - started - SETTLE_S) / 60,
        "checked": checked,
        "behind": len(behind),
        "gaps": sum(phone.gaps for phone in phones),
        "mismatched": mismatched,
        "unanswered": unanswered,
        "memory": (memory_before, memory_after),
        "memory_trace": trace,
    }


async def memory_by_minute(servers: list[int], until: float) -> list[float]:
    """The guest servers' memory once a minute: a leak climbs all night, memory that the
    reconnect storms' peaks left to the allocator levels off."""
    trace = []
    while time.monotonic() < until:
        trace.append(sum(rss_mib(pid) for pid in servers))
        await asyncio.sleep(min(60.0, max(0.0, until - time.monotonic())))
    return trace


def report(guests: int, result: dict) -> None:
    soak: Soak = result["soak"]
    p50, p99 = percentiles(soak.latencies)
    before, after = result["memory"]
    checked = result["checked"]
    minutes = result["minutes"]
    print(f"soak: {guests} guests + {PRANKSTERS} pranksters for {minutes:.1f} min, {GUEST_SERVERS} guest servers")
    print(f"  actions answered: {sum(soak.actions.values())}: {dict(sorted(soak.actions.items()))}")
    print(f"  action -> answer ms: p50 {p50:.0f}, p99 {p99:.0f}")
    h50, h99 = percentiles(soak.handshakes)
    print(
        f"  connect -> snapshot ms ({len(soak.handshakes)} connections, the storms' included): "
        f"p50 {h50:.0f}, p99 {h99:.0f}; handshakes tried again after {HANDSHAKE_TIMEOUT_S:.0f} s: "
        f"{soak.handshakes_retried}"
    )
    print(f"  refused (guests): {dict(soak.refused) or 'none'}; pranksters refused: {dict(soak.prank_refused)}")
    print(f"  unanswered at the end: {result['unanswered']}")
    print(
        f"  phones behind the log's last seq ({checked['stream']}): {result['behind']}; "
        f"gaps a page saw and resumed over: {result['gaps']}"
    )
    print(f"  watched phones whose state differs from a fresh snapshot: {result['mismatched']} of {WATCHED}")
    print(f"  database: requests whose ask count is wrong: {len(checked['ask_counts_wrong'])}; log {checked['log']}")
    print(f"  guest servers' memory: {before:.0f} MiB -> {after:.0f} MiB ({after - before:+.0f} MiB)")
    print(f"  ... each minute: {', '.join(f'{mib:.0f}' for mib in result['memory_trace'])} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guests", type=int, default=1000)
    parser.add_argument("--minutes", type=float, default=10.0)
    args = parser.parse_args()
    with running_cluster("soak") as cluster:
        report(args.guests, asyncio.run(night(cluster, args.guests, args.minutes)))


if __name__ == "__main__":
    main()
