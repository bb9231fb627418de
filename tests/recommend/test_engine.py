"""The engine's plumbing: one push per version, no loop no push, a dead worker answered for."""

import logging
import threading
import time

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
    assert in_process.pending == set()


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
