"""Fan-out latency: from a DJ's `accept` to the update arriving at every guest.

For each crowd size, a real daphne process (embedded default: SQLite, in-memory layer)
serves one event with N connected guests; the DJ accepts one request every 100 ms and
each client notes when the update arrives. The same clients then measure the
reference (reference_broadcast.py), which broadcasts a frame of the same size on a
trigger. The client's own cost is the same for both: the same client, compression off
on both sides (daphne does not negotiate it; the reference is told not to), and its
collector quiet while it measures. The ratio is of one run, same machine, same work.

    .venv/bin/python benchmarks/fanout_latency.py                 # 200 and 1000 guests
    .venv/bin/python benchmarks/fanout_latency.py --guests 1000 --updates 100
"""

import argparse
import asyncio
import gc
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from websockets.asyncio.client import ClientConnection, connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from liveparty.processes import (  # noqa: E402
    daphne,
    embedded_env,
    free_port,
    http_json,
    manage,
    phone_address,
    wait_for_port,
)

CONNECT_TIMEOUT_S = 120
ARRIVAL_TIMEOUT_S = 30
CONNECT_WAVE = 100  # the client is one Python process too: connect in waves
SETTLE_S = 3.0  # after connecting: presence reports and the server's GC freeze happen first
FRAME_SIZE = 450  # the size of our `request.accepted` update, for the reference's frames
MAKE_SONGS = (
    "from liveparty.catalog.models import Song;"
    "Song.objects.bulk_create(Song(title=f'Benchmark song {i:04}', artist='Band') for i in range({n}))"
)
ACCEPTED = '"kind":"request.accepted","data":{"id":'

KeyOf = Callable[[str], str | None]


def accepted_key(text: str) -> str | None:
    start = text.find(ACCEPTED)
    if start < 0:
        return None
    start += len(ACCEPTED)
    return text[start : text.index(",", start)]


def reference_key(text: str) -> str | None:
    return text[8:20] if text.startswith('{"ref":"') else None


class Crowd:
    """Client sockets that note when each awaited frame arrives."""

    def __init__(self, key_of: KeyOf) -> None:
        self.key_of = key_of
        self.sockets: list[ClientConnection] = []
        self.readers: list[asyncio.Task] = []
        self.arrivals: dict[str, list[float]] = {}

    async def join(self, url: str, tokens: list[str | None]) -> None:
        async def one(token: str | None) -> None:
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            sock = await connect(
                url, additional_headers=headers, open_timeout=CONNECT_TIMEOUT_S, max_queue=None, compression=None
            )
            self.sockets.append(sock)
            self.readers.append(asyncio.create_task(self.read(sock)))

        for start in range(0, len(tokens), CONNECT_WAVE):
            await asyncio.gather(*(one(token) for token in tokens[start : start + CONNECT_WAVE]))

    async def read(self, sock: ClientConnection) -> None:
        async for text in sock:
            key = self.key_of(text)
            if key is not None:
                self.arrivals.setdefault(key, []).append(time.perf_counter())
            else:
                self.other(text)

    def other(self, text: str) -> None:
        """A frame that is not awaited: nothing to note here."""

    async def latencies(self, sent_at: dict[str, float]) -> list[float]:
        """Waits for every awaited frame, then lets the collector run again (see `quiet_collector`)."""
        deadline = time.perf_counter() + ARRIVAL_TIMEOUT_S
        missing = lambda: any(len(self.arrivals.get(key, ())) < len(self.sockets) for key in sent_at)  # noqa: E731
        while time.perf_counter() < deadline and missing():
            await asyncio.sleep(0.01)
        gc.unfreeze()
        gc.enable()
        return [(arrived - sent_at[key]) * 1000 for key in sent_at for arrived in self.arrivals.get(key, ())]

    async def close(self) -> None:
        for reader in self.readers:
            reader.cancel()
        await asyncio.gather(*(sock.close() for sock in self.sockets), return_exceptions=True)


def quiet_collector() -> None:
    """The measuring client must not pause its own reads: a thousand sockets' objects make
    each collection long. Collected and frozen before the measurement, off during it."""
    gc.collect()
    gc.freeze()
    gc.disable()


def post(url: str, body: dict | None = None, token: str | None = None, forwarded_for: str | None = None) -> dict:
    status, decoded = http_json("POST" if body is not None else "GET", url, body, token, forwarded_for)
    assert status in (200, 201), decoded
    return decoded


def party(base: str, guests: int, updates: int) -> tuple[str, str, list[str], list[int]]:
    """A DJ, an event, the guests' tokens and one pending request per update."""
    account = post(f"{base}/api/accounts", {"username": f"dj-{secrets.token_hex(3)}", "password": secrets.token_hex(8)})
    code = post(f"{base}/api/events", {"name": "Benchmark"}, account["token"])["code"]

    def join(i: int) -> str:
        return post(f"{base}/api/events/{code}/guests", {"nickname": f"Phone {i}"}, forwarded_for=phone_address(i))[
            "token"
        ]

    with ThreadPoolExecutor(16) as pool:
        tokens = list(pool.map(join, range(guests)))
    songs = benchmark_songs(base, code, tokens[0], updates)
    return code, account["token"], tokens, request_each(base, code, songs, tokens)


def benchmark_songs(base: str, code: str, token: str, count: int) -> list[int]:
    """The first `count` of the benchmark's songs, as a guest's search pages them."""
    songs, page = [], 1
    while page and len(songs) < count:
        found = post(f"{base}/api/events/{code}/songs?q=benchmark&page={page}", token=token)
        songs += [song["id"] for song in found["results"]]
        page = found["next_page"]
    return songs[:count]


def request_each(base: str, code: str, songs: list[int], tokens: list[str]) -> list[int]:
    """Each song requested by a guest of its own; the requests' ids."""
    return [
        post(f"{base}/api/events/{code}/requests", {"song_id": song}, token)["request"]["id"]
        for song, token in zip(songs, tokens, strict=False)
    ]


async def measure_ours(base: str, guests: int, updates: int, interval: float) -> dict:
    code, dj_token, tokens, song_requests = await asyncio.to_thread(party, base, guests, updates)
    ws = base.replace("http://", "ws://")
    crowd, console = Crowd(accepted_key), Crowd(accepted_key)
    await crowd.join(f"{ws}/ws/events/{code}/guest/", tokens)
    await console.join(f"{ws}/ws/events/{code}/dj/", [dj_token])
    await asyncio.sleep(SETTLE_S)
    quiet_collector()
    sent_at = {}
    for song_request in song_requests:
        sent_at[str(song_request)] = time.perf_counter()
        await console.sockets[0].send(f'{{"id":"{song_request}","action":"accept","request_id":{song_request}}}')
        await asyncio.sleep(interval)
    result = {"guests": await crowd.latencies(sent_at), "dj": await console.latencies(sent_at), "sent": len(sent_at)}
    await crowd.close()
    await console.close()
    return result


Script = list[tuple[float, str]]  # frames to broadcast, each at its offset in seconds from the start


def padded_frames(updates: int, interval: float) -> Script:
    """One frame of our accept's size per interval."""
    return [
        (i * interval, '{"ref":"' + f"update-{i:05d}" + '","pad":"' + "x" * (FRAME_SIZE - 40) + '"}')
        for i in range(updates)
    ]


async def measure_reference(port: int, guests: int, script: Script, key_of: KeyOf) -> dict:
    url = f"ws://127.0.0.1:{port}"
    crowd = Crowd(key_of)
    await crowd.join(f"{url}/client", [None] * guests)
    trigger = await connect(f"{url}/trigger", compression=None)
    await asyncio.sleep(SETTLE_S)
    quiet_collector()
    sent_at = {}
    started = time.perf_counter()
    for offset, text in script:
        await asyncio.sleep(max(0.0, started + offset - time.perf_counter()))
        key = key_of(text)
        if key is not None:
            sent_at[key] = time.perf_counter()
        await trigger.send(text)
    result = {"guests": await crowd.latencies(sent_at), "sent": len(sent_at)}
    await trigger.close()
    await crowd.close()
    return result


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def run_ours(guests: int, updates: int, interval: float) -> dict:
    with tempfile.TemporaryDirectory() as var:
        env = embedded_env(Path(var))
        manage(env, "migrate", "--no-input")
        manage(env, "shell", "-c", MAKE_SONGS.replace("{n}", str(updates)))
        with daphne(env, Path(var) / "daphne.log") as base:
            return asyncio.run(measure_ours(base, guests, updates, interval))


def run_reference(guests: int, script: Script, key_of: KeyOf = reference_key) -> dict:
    """The reference broadcasting `script` to `guests` clients; `key_of` picks the frames timed."""
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "benchmarks" / "reference_broadcast.py"), str(port)])
    try:
        wait_for_port(port, server, Path("/dev/null"))
        return asyncio.run(measure_reference(port, guests, script, key_of))
    finally:
        server.terminate()
        server.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guests", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--updates", type=int, default=50, help="accepts per run")
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between updates")
    args = parser.parse_args()
    print("fan-out latency, DJ accept -> update at each client, ms (one daphne, in-memory layer)")
    print("guests | ours p50  p99 | DJ p50 | reference p50  p99 | p99 ratio | delivered (ours, reference)")
    for guests in args.guests:
        ours = run_ours(guests, args.updates, args.interval)
        theirs = run_reference(guests, padded_frames(args.updates, args.interval))
        (o50, o99), (dj50, _), (r50, r99) = (
            percentiles(ours["guests"]),
            percentiles(ours["dj"]),
            percentiles(theirs["guests"]),
        )
        expected = guests * args.updates
        print(
            f"{guests:6} | {o50:8.1f} {o99:5.1f} | {dj50:6.1f} | {r50:13.1f} {r99:5.1f} | {o99 / r99:9.2f} | "
            f"{len(ours['guests'])}/{expected}, {len(theirs['guests'])}/{expected}"
        )


if __name__ == "__main__":
    main()
