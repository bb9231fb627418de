"""End-to-end tests: a real daphne process serving the test database, real clients."""

from collections.abc import Iterator

import pytest
from django.conf import settings

from tests.servers import daphne, embedded_env


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.django_db(transaction=True))


def database_url(db: dict) -> str:
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def server_env(tmp_path, **extra: str) -> dict[str, str]:
    """The child serves the database this test process set up (so fixtures are visible)."""
    env = embedded_env(tmp_path, DATABASE_URL=database_url(settings.DATABASES["default"]), **extra)
    if settings.REDIS_URL:
        env["REDIS_URL"] = settings.REDIS_URL
    return env


@pytest.fixture
def server(transactional_db, tmp_path) -> Iterator[str]:
    """The base URL (http://127.0.0.1:port) of a daphne serving the test database."""
    with daphne(server_env(tmp_path), tmp_path / "daphne.log") as base:
        yield base
