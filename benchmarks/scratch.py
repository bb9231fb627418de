"""What the database benchmarks share: Django on a scratch database that they may fill
and that is dropped after, and the percentile they report."""

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def scratch_database(url: str | None, folder: Path) -> tuple[str, Callable[[], None]]:
    """A database URL for the benchmark, and how to drop it after: beside `url` on its
    server (PostgreSQL), or a SQLite file in `folder`."""
    if not url:
        return f"sqlite:///{folder / 'bench.sqlite3'}", lambda: None
    import psycopg

    name = f"liveparty_bench_{os.getpid()}"
    admin = psycopg.connect(url, autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return url.rsplit("/", 1)[0] + f"/{name}", drop


@contextmanager
def scratch_django() -> Iterator[Path]:
    """Set up Django (embedded engines, no Redis) on a scratch database beside
    DATABASE_URL, or SQLite; yields the benchmark's folder; drops the database after."""
    folder = Path(tempfile.mkdtemp(prefix="liveparty-bench-"))
    database_url, drop = scratch_database(os.environ.get("DATABASE_URL"), folder)
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "liveparty.settings",
            "LIVEPARTY_VAR_DIR": str(folder),
            "DATABASE_URL": database_url,
            "LIVEPARTY_ENGINES": "in-process",
        }
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    try:
        yield folder
    finally:
        from django.db import connections

        connections.close_all()
        drop()
