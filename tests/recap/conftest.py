import pytest

from tests.nights import Night, seed_night


@pytest.fixture
def night(event, host, dj, guest, guest2, guest3, songs) -> Night:
    return seed_night(event, host, dj, guest, guest2, guest3, songs)
