"""Where the similarity model lives: a file written by `manage.py build_recommender`
(and again after each party ends), loaded once per process and reloaded when the file
changes, so the worker that rebuilt it and every other process agree."""

import logging
import threading
import time
from pathlib import Path

from django.conf import settings

from liveparty.memo import Memo
from liveparty.recommend.sessions import catalog_arrays, database_sessions
from liveparty.recommend.similarity import SimilarityModel, build

logger = logging.getLogger(__name__)

# The model, under the modification time of the file it was read from or written to.
_model: Memo[SimilarityModel] = Memo(lambda: SimilarityModel.load(model_path()))
_first_build = threading.Lock()


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
    model = build_from_database()
    path = model_path()
    model.save(path)
    _model.put(path.stat().st_mtime, model)
    logger.info("recommender model rebuilt: %s", model.stats)
    return model


def current_model() -> SimilarityModel:
    """This process's model: the file's, read again when the file changes (another
    process rebuilt it), or one built now when there is no file yet (by one thread; the
    others wait for it)."""
    mtime = _file_time()
    if mtime is not None:
        return _model.get(mtime)
    with _first_build:
        mtime = _file_time()
        return _model.get(mtime) if mtime is not None else rebuild()


def _file_time() -> float | None:
    try:
        return model_path().stat().st_mtime
    except FileNotFoundError:
        return None


def forget() -> None:
    """Drop this process's model (tests: each builds from its own database)."""
    _model.forget()
