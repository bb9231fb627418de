"""The engine's plumbing: one push per version, no loop no push, a dead worker answered for."""

import asyncio
import logging
import threading
import time

import pytest
from channels.layers import get_channel_layer

from liveparty.engines import server_loop
from liveparty.recommend import compute, engine
from liveparty.recommend.services import suggest


def test_a_burst_of_changes_is_one_push_per_version(event, scenes):
    first = compute.refresh(event.pk, 10)
    assert first
    assert compute.refresh(event.pk, 10) is None  # the same version: pushed already
    compute.invalidate(event.pk)
    assert compute.refresh(event.pk, 10) == first


def test_without_a_connection_in_this_process_a_refresh_only_invalidates(event, scenes):
    in_process = engine.InProcessEngine()
    in_process.refresh(event.pk)  # no loop served here: nothing to push to, no error
    assert in_process.refreshes.pending == set()


def test_a_dead_worker_is_logged_and_answered_for_here(settings, monkeypatch, caplog, event, scenes):
    settings.ENGINES = "worker"
    monkeypatch.setattr(engine, "WORKER_TIMEOUT_S", 0.2)
    with caplog.at_level(logging.WARNING, logger="liveparty.recommend.engine"):
        items = suggest(event)
    assert items == compute.suggestions(event.pk, 10)
    assert "no recommend worker answered" in caplog.text


def test_a_party_ending_during_a_rebuild_gets_a_rebuild_of_its_own(monkeypatch):
    started, release, builds = threading.Event(), threading.Event(), []

    def slow_rebuild() -> dict:
        builds.append(time.monotonic())
        started.set()
        release.wait(5)
        return {}

    monkeypatch.setattr(engine.compute, "rebuild", slow_rebuild)
    in_process = engine.InProcessEngine()
    in_process.rebuild()
    assert started.wait(5)
    in_process.rebuild()  # two parties end while the first build reads the database:
    in_process.rebuild()  # one more build covers both
    release.set()
    deadline = time.monotonic() + 5
    while in_process.running:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert len(builds) == 2


async def test_a_burst_of_changes_asks_the_workers_for_one_refresh():
    """300 asks in a second are one job for the recommend workers, not 300 (issue 14)."""
    layer = get_channel_layer()
    await layer.flush()  # questions other tests left for a worker that never came
    server_loop().serve_on(asyncio.get_running_loop())
    workers = engine.WorkerEngine()
    for _ in range(50):
        await asyncio.to_thread(workers.refresh, 7)  # from request threads, as the views call it
    job = await asyncio.wait_for(layer.receive(engine.CHANNEL), engine.COALESCE_S + 2)
    assert job == {"type": "recommend.refresh", "event_id": 7}
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(layer.receive(engine.CHANNEL), engine.COALESCE_S * 2)
