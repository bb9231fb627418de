"""The recommend worker's refreshes: every page server asks one per moment of changes,
so a burst spread over four servers asks many; the worker recomputes at once after a
quiet spell, then at most once every REFRESH_EVERY_S, and always once after the last ask."""

import asyncio
import itertools

from consumers import engines
from consumers.engines import RecommendWorker

INTERVAL_S = 0.3


async def test_a_burst_of_asks_is_recomputed_at_once_then_at_most_once_an_interval(monkeypatch):
    loop = asyncio.get_running_loop()
    computed: list[tuple[int, float]] = []
    monkeypatch.setattr(engines, "REFRESH_EVERY_S", INTERVAL_S)
    monkeypatch.setattr(engines.compute, "refresh", lambda event_id, n: computed.append((event_id, loop.time())))
    worker = RecommendWorker()
    started = loop.time()
    for _ in range(20):  # a second of changes, from every server
        await worker.recommend_refresh({"type": "recommend.refresh", "event_id": 7})
        await asyncio.sleep(0.05)
    last_ask = loop.time()
    await worker.recommend_refresh({"type": "recommend.refresh", "event_id": 8})  # another party: its own turn
    while worker.tasks:
        await asyncio.gather(*worker.tasks)

    times = [at for event_id, at in computed if event_id == 7]
    assert times[0] - started < 0.1, "the first change after a quiet spell is not held back"
    assert all(later - earlier >= INTERVAL_S * 0.95 for earlier, later in itertools.pairwise(times))
    assert len(times) <= 1 + (last_ask - started) / INTERVAL_S + 1
    assert times[-1] >= last_ask - 0.05, "the last change is seen by a refresh after it"
    assert [event_id for event_id, _ in computed].count(8) == 1
