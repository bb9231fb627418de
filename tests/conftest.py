"""Test-suite wiring: personas, markers by folder, and the rule for real services.

Tests under `tests/domain/`, `tests/recommend/`, `tests/mood/` and `tests/recap/` are marked `domain`
(they run on SQLite and again on PostgreSQL); tests under `tests/concurrency/` are
marked `services` (real PostgreSQL, real threads). Under LIVEPARTY_REQUIRE_SERVICES=1 (CI) a test whose services are
missing fails instead of skipping.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from liveparty.processes import daphne
from liveparty.recommend import store
from liveparty.recommend.blend import forget_registry
from tests.needs import unavailable
from tests.servers import server_env

pytest_plugins = ["tests.personas"]

FOLDER_MARKERS = {
    "domain": "domain",
    "recommend": "domain",
    "mood": "domain",
    "recap": "domain",
    "concurrency": "services",
    "cluster": "services",
}


def pytest_configure(config: pytest.Config) -> None:
    """Pages render their static URLs from the source tree, as on a developer's machine
    (DEBUG=1): the tests run no collectstatic. Production's hashed files are tested in
    test_settings.py, and every daphne a test starts has DEBUG=1 (processes.embedded_env)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        folder = Path(item.fspath).parent.name
        if folder in FOLDER_MARKERS:
            item.add_marker(FOLDER_MARKERS[folder])


def missing_services(needs: tuple[str, ...]) -> list[str]:
    missing = []
    if "postgres" in needs and settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        missing.append("PostgreSQL (set DATABASE_URL=postgres://...)")
    if "redis" in needs and not settings.REDIS_URL:
        missing.append("Redis (set REDIS_URL=redis://...)")
    return missing


@pytest.fixture(autouse=True)
def _services_available(request: pytest.FixtureRequest) -> None:
    """`services` tests need PostgreSQL; `@pytest.mark.services("redis")` also Redis."""
    marker = request.node.get_closest_marker("services")
    if marker is None:
        return
    missing = missing_services(("postgres", *marker.args))
    if missing:
        unavailable("needs " + " and ".join(missing))


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings) -> None:
    """PBKDF2 is slow on purpose; tests create many accounts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _release_test_database(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Server processes started by tests, and pooled connections of other threads, may
    still hold sessions on the PostgreSQL test database when it is dropped."""
    yield
    with django_db_blocker.unblock():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Stored WebSocket answers are keyed by database ids, which repeat from test to test
    (and Redis outlives the test database)."""
    cache.clear()


@pytest.fixture(autouse=True)
def _recommender(settings, tmp_path) -> Iterator[None]:
    """Each test's recommender model is built from its own database, in its own folder;
    the engines run in-process unless a test asks for workers."""
    settings.RECOMMENDER_MODEL = tmp_path / "recommender" / "model.npz"
    settings.ENGINES = "in-process"
    store.forget()
    forget_registry()
    yield
    store.forget()


@pytest.fixture
def server(transactional_db, tmp_path) -> Iterator[str]:
    """The base URL (http://127.0.0.1:port) of a daphne process serving the test database."""
    with daphne(server_env(tmp_path), tmp_path / "daphne.log") as base:
        yield base
