"""Consumer tests talk to consumers that read the database from other threads, so
their data must be committed: every test here uses a transactional database."""

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/realtime/" in str(item.fspath):
            item.add_marker(pytest.mark.django_db(transaction=True))
