"""How the app takes a burst of song requests: N guests join, then all request at once.

Runs a real daphne process on the embedded default (SQLite, in-memory layer, in a
temporary folder) unless DATABASE_URL / REDIS_URL are set (then use a scratch
database: each run adds a host, an event and its guests), and prints the latency of
the requests in the burst.

    .venv/bin/python benchmarks/request_burst.py --guests 150
    DATABASE_URL=postgres://postgres@127.0.0.1/postgres .venv/bin/python benchmarks/request_burst.py
"""

import argparse
import json
import os
import secrets
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from liveparty.processes import daphne, embedded_env, manage, phone_address

TIMEOUT_S = 120


def call(
    url: str, body: dict | None = None, token: str | None = None, forwarded_for: str | None = None
) -> tuple[int, dict, float]:
    headers = {"Content-Type": "application/json"} | ({"Authorization": f"Bearer {token}"} if token else {})
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for  # the phone this call plays (processes.phone_address)
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data else "GET")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            return response.status, json.loads(response.read()), time.perf_counter() - started
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), time.perf_counter() - started


def burst(func: Callable[[int], object], count: int) -> list:
    """Run func(i) in `count` threads released together."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        results[i] = func(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def start_event(base: str) -> str:
    """A fresh host and event per run, so runs against one database do not collide."""
    username = f"bench-{secrets.token_hex(4)}"
    _, account, _ = call(f"{base}/api/accounts", {"username": username, "password": secrets.token_urlsafe(16)})
    _, event, _ = call(f"{base}/api/events", {"name": "Benchmark party"}, account["token"])
    return event["code"]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guests", type=int, default=150)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as var:
        env = embedded_env(Path(var))
        env.update({name: os.environ[name] for name in ("DATABASE_URL", "REDIS_URL") if name in os.environ})
        manage(env, "migrate", "--no-input")
        manage(env, "load_demo")  # the demo songs
        with daphne(env, Path(var) / "daphne.log") as base:
            code = start_event(base)
            joined = burst(
                lambda i: call(f"{base}/api/events/{code}/guests", {"nickname": f"Bench {i}"}, None, phone_address(i)),
                args.guests,
            )
            assert all(status == 201 for status, _, _ in joined), [j for j in joined if j[0] != 201][:2]
            tokens = [body["token"] for _, body, _ in joined]
            _, page, _ = call(f"{base}/api/events/{code}/songs", token=tokens[0])
            songs = [song["id"] for song in page["results"]]
            started = time.perf_counter()
            answers = burst(
                lambda i: call(f"{base}/api/events/{code}/requests", {"song_id": songs[i % len(songs)]}, tokens[i]),
                args.guests,
            )
            wall = time.perf_counter() - started
    latencies = [seconds * 1000 for _, _, seconds in answers]
    ok = sum(status == 201 for status, _, _ in answers)
    database = env.get("DATABASE_URL", "sqlite").split(":", 1)[0]
    print(f"request burst: {args.guests} guests at once, daphne, {database}")
    print(f"  answered 201: {ok}/{args.guests}")
    p50, p99 = statistics.median(latencies), percentile(latencies, 0.99)
    print(f"  latency ms: p50 {p50:.0f}, p99 {p99:.0f}, max {max(latencies):.0f}")
    print(f"  burst wall time: {wall:.2f} s ({args.guests / wall:.0f} requests/s)")


if __name__ == "__main__":
    main()
