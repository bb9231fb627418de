"""End-to-end tests: a real daphne process serving the test database, real clients."""

from collections.abc import Iterator

import pytest

from tests.servers import daphne, server_env


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture
def server(transactional_db, tmp_path) -> Iterator[str]:
    """The base URL (http://127.0.0.1:port) of a daphne serving the test database."""
    with daphne(server_env(tmp_path), tmp_path / "daphne.log") as base:
        yield base
