"""The engine's plumbing: one push per version, no loop no push, a dead worker answered for."""

import logging

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
