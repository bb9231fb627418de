"""The project's own processes started on this machine: daphne on a loopback port, the
engine workers, `manage.py`, and a JSON call to what they serve. Used by the end-to-end
tests, the benchmarks and the multi-process shape (not by a page or a consumer)."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ProcessFailed(RuntimeError):
    """A process did not start, or a command failed (the message holds its output)."""


# A JSON call waits this long for a loaded server.
HTTP_TIMEOUT_S = 60
# daphne imports Django and the project: a second or two; more on a loaded CI machine.
START_TIMEOUT_S = 30


# Twisted listens with a backlog of 50 by default: a crowd connecting at once overflows
# it and the kernel resets connections. Production runs daphne with the same endpoint.
LISTEN_BACKLOG = 1024


def endpoint(port: int, interface: str = "127.0.0.1") -> str:
    return f"tcp:port={port}:interface={interface}:backlog={LISTEN_BACKLOG}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def embedded_env(var_dir: Path, **extra: str) -> dict[str, str]:
    """The environment of `make run`: SQLite and the in-memory layer, in `var_dir`."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        {
            "LIVEPARTY_VAR_DIR": str(var_dir),
            "DEBUG": "1",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Crowds played from this machine give each phone an address of its own, as a
            # front door would pass it on (`phone_address`); a client that sends none is
            # counted by its own address, as ever.
            "LIVEPARTY_PROXY_HOPS": "1",
            **extra,
        }
    )
    return env


def phone_address(i: int) -> str:
    """A made-up address for the i-th phone of a crowd played from this machine: the rate
    limits per address (liveparty/limits.py) see phones, not one script."""
    return f"10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}"


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise ProcessFailed(f"manage.py {' '.join(args)} failed: {done.stderr}")
    return done.stdout


@contextmanager
def daphne(env: dict[str, str], log: Path, *options: str) -> Iterator[str]:
    """Serve the project with daphne; yields the base URL and stops the process after."""
    port = free_port()
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "daphne", *options, "-e", endpoint(port), "liveparty.asgi:application"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_for_port(port, process, log)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(10)


@contextmanager
def worker(env: dict[str, str], log: Path, *channels: str) -> Iterator[subprocess.Popen]:
    """`manage.py runworker` on the engine channels; stopped after."""
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runworker", *channels],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while "Running worker" not in log.read_text():
                if process.poll() is not None:
                    raise ProcessFailed(f"the worker exited: {log.read_text()}")
                if time.monotonic() > deadline:
                    raise ProcessFailed(f"the worker did not start: {log.read_text()}")
                time.sleep(0.05)
            yield process
        finally:
            process.terminate()
            process.wait(10)


def wait_for_port(port: int, process: subprocess.Popen, log: Path, host: str = "127.0.0.1") -> None:
    """Until something listens on `port` (any interface is reached on loopback)."""
    if host in {"0.0.0.0", ""}:
        host = "127.0.0.1"
    elif host in {"::", "[::]"}:
        host = "::1"
    host = host.strip("[]")
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ProcessFailed(f"{_named(process)} exited: {log.read_text()}")
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
            if sock.connect_ex((host, port)) == 0:
                return
        time.sleep(0.05)
    raise ProcessFailed(f"{_named(process)} did not listen on {port} within {START_TIMEOUT_S} s: {log.read_text()}")


def _named(process: subprocess.Popen) -> str:
    """`python -m daphne`, `nginx -p ...`: enough of the command to say which one."""
    return " ".join(Path(str(arg)).name if i == 0 else str(arg) for i, arg in enumerate(process.args[:3]))


def http_json(
    method: str, url: str, body: dict | None = None, token: str | None = None, forwarded_for: str | None = None
) -> tuple[int, dict]:
    """A JSON call to a server started here, with a bearer token; the status and the body.
    `forwarded_for`: the address of the phone this call plays (see `phone_address`)."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if forwarded_for:
        headers["X-Forwarded-For"] = forwarded_for
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_S) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
