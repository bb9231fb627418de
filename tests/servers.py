"""The test database's server processes: daphne and workers (liveparty/processes.py)
serving the database this test process set up, and a Redis of a test's own."""

import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings

from liveparty.processes import embedded_env
from tests.needs import unavailable


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


@contextmanager
def redis_server(port: int) -> Iterator[subprocess.Popen]:
    """A Redis of this test's own (the shared one stays up for the other tests)."""
    binary = shutil.which("redis-server") or unavailable("needs redis-server")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while (
            subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True).stdout.strip()
            != "PONG"
        ):
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
        yield process
    finally:
        process.terminate()
        process.wait(10)
