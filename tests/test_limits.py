"""Rate limits count in the cache, per window, and let actions through when the cache
cannot be reached (liveparty/limits.py)."""

from datetime import timedelta

import pytest
from django.core.cache import cache

from liveparty import limits
from liveparty.errors import RateLimited

THREE_A_MINUTE = limits.Limit("test-three", 3, timedelta(minutes=1), "Wait {wait}.")


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def time(self) -> float:
        return self.now


def test_a_limit_refuses_past_its_count_until_the_window_turns(monkeypatch):
    clock = Clock(1_800_000_000.0)
    monkeypatch.setattr(limits, "time", clock)
    for _ in range(3):
        THREE_A_MINUTE.spend("someone")
    with pytest.raises(RateLimited) as refused:
        THREE_A_MINUTE.spend("someone")
    assert refused.value.retry_after == 60
    assert refused.value.message == "Wait 60 s."
    THREE_A_MINUTE.spend("someone else")
    clock.now += 60
    THREE_A_MINUTE.spend("someone")


def test_a_limit_that_cannot_be_counted_lets_the_action_through(monkeypatch, caplog):
    def away(*args, **kwargs):
        raise ConnectionError("Redis is restarting")

    for method in ("add", "incr", "get", "set"):
        monkeypatch.setattr(cache, method, away)
    for _ in range(5):
        THREE_A_MINUTE.spend("someone")
        THREE_A_MINUTE.refuse_if_spent("someone")
    assert "letting it through" in caplog.text
