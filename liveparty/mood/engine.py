"""Where selfies are read: in this process (the batcher's thread), or in `manage.py
runworker mood` processes when the engines run as workers (settings.ENGINES). Both call
detect.py's detect_mood; a worker that does not answer in time is logged and the photo
read here."""

import concurrent.futures
import logging

from django.conf import settings

from liveparty.engines import EngineError, call_worker
from liveparty.errors import DomainError
from liveparty.mood.detect import detect_mood
from liveparty.mood.weights import ModelUnavailable

logger = logging.getLogger(__name__)

CHANNEL = "mood"
# A worker's first photo loads the network: allow for it.
WORKER_TIMEOUT_S = 10.0


def detect(image_bytes: bytes) -> dict:
    """The reading of a selfie: {"mood", "confidence", "emotion", "moods"}. A photo the
    engine refuses (no face, not an image) raises its DomainError; an engine that fails
    raises EngineError."""
    if settings.ENGINES == "worker":
        question = {"type": "mood.detect", "image": image_bytes}
        return call_worker(CHANNEL, question, WORKER_TIMEOUT_S, lambda: read_here(image_bytes))
    return read_here(image_bytes)


def read_here(image_bytes: bytes) -> dict:
    try:
        return detect_mood(image_bytes)
    except ModelUnavailable as missing:
        raise EngineError(f"no mood network is installed: {missing}", permanent=True) from missing
    except concurrent.futures.TimeoutError as slow:
        raise EngineError("the mood network did not answer in time") from slow
    except DomainError:
        raise
    except Exception as failure:
        logger.exception("the mood engine failed")
        raise EngineError(f"{type(failure).__name__}: {failure}") from failure
