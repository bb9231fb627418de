"""End-to-end tests: a real daphne process serving the test database (the `server`
fixture), real clients."""

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.django_db(transaction=True))
