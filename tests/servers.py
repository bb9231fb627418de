"""Real server processes for end-to-end tests: daphne on a free loopback port."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
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
    env.update({"LIVEPARTY_VAR_DIR": str(var_dir), "DEBUG": "1", "ALLOWED_HOSTS": "127.0.0.1,localhost", **extra})
    return env


def manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
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
                assert process.poll() is None, f"the worker exited: {log.read_text()}"
                assert time.monotonic() < deadline, f"the worker did not start: {log.read_text()}"
                time.sleep(0.05)
            yield process
        finally:
            process.terminate()
            process.wait(10)


def wait_for_port(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        assert process.poll() is None, f"daphne exited: {log.read_text()}"
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError(f"daphne did not listen on {port} within {START_TIMEOUT_S} s: {log.read_text()}")


def database_url(db: dict) -> str:
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def server_env(tmp_path, **extra: str) -> dict[str, str]:
    """The child serves the database this test process set up (so fixtures are visible),
    with the same secret key (so sessions made here are valid there)."""
    env = embedded_env(
        tmp_path, DATABASE_URL=database_url(settings.DATABASES["default"]), SECRET_KEY=settings.SECRET_KEY, **extra
    )
    if settings.REDIS_URL:
        env["REDIS_URL"] = settings.REDIS_URL
    env.setdefault("LIVEPARTY_ENGINES", "in-process")  # a test that wants workers starts them
    return env
