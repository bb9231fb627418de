"""Where the similarity model lives: a file written by `manage.py build_recommender`
(and again after each party ends), loaded once per process and reloaded when the file
changes, so the worker that rebuilt it and every other process agree."""

import logging
import threading
import time
from pathlib import Path

from django.conf import settings

from liveparty.recommend.sessions import catalog_arrays, database_sessions
from liveparty.recommend.similarity import SimilarityModel, build

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_first_build = threading.Lock()
_loaded: tuple[float, SimilarityModel] | None = None


def model_path() -> Path:
    return Path(settings.RECOMMENDER_MODEL)


def build_from_database() -> SimilarityModel:
    started = time.perf_counter()
    ids, popularity, genres = catalog_arrays()
    model = build(ids, popularity, genres, database_sessions())
    model.stats["build_seconds"] = round(time.perf_counter() - started, 3)
    return model


def rebuild() -> SimilarityModel:
    """Build from the database, write the file, and use the new model here at once."""
    global _loaded
    model = build_from_database()
    path = model_path()
    model.save(path)
    with _lock:
        _loaded = (path.stat().st_mtime, model)
    logger.info("recommender model rebuilt: %s", model.stats)
    return model


def current_model() -> SimilarityModel:
    """This process's model: the file's, or one built now when there is no file yet
    (by one thread; the others wait for it)."""
    model = _from_file()
    if model is not None:
        return model
    with _first_build:
        return _from_file() or rebuild()


def _from_file() -> SimilarityModel | None:
    global _loaded
    path = model_path()
    with _lock:
        try:
            mtime = path.stat().st_mtime
        except FileNotFoundError:
            mtime = None
        if _loaded is not None and (mtime is None or _loaded[0] == mtime):
            return _loaded[1]
        if mtime is not None:
            _loaded = (mtime, SimilarityModel.load(path))
            return _loaded[1]
    return None


def forget() -> None:
    """Drop this process's model (tests: each builds from its own database)."""
    global _loaded
    with _lock:
        _loaded = None
