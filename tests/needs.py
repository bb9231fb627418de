"""What a test needs from the machine (PostgreSQL, Redis, Chromium, the catalog fixture)."""

import os
from typing import NoReturn

import pytest


def unavailable(message: str) -> NoReturn:
    """Skip with the reason; under LIVEPARTY_REQUIRE_SERVICES=1 (CI) fail instead, since
    there a missing piece is a broken set-up, not a choice."""
    if os.environ.get("LIVEPARTY_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{message}; LIVEPARTY_REQUIRE_SERVICES=1 forbids skipping")
    pytest.skip(message)
