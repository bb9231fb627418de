"""Where selfies are read: in this process (the batcher's thread), or in
`manage.py runworker mood` processes when the engines run as workers (settings.ENGINES).
Both call detect.py's detect_mood; a worker that does not answer in time is logged and
the photo read here."""

import logging

from asgiref.sync import async_to_sync
from django.conf import settings

from liveparty.engines import ask_worker
from liveparty.errors import Invalid
from liveparty.mood.detect import detect_mood
from liveparty.mood.faces import NoFace

logger = logging.getLogger(__name__)

CHANNEL = "mood"
# A worker's first photo loads the network: allow for it.
WORKER_TIMEOUT_S = 10.0


class WorkerFailed(RuntimeError):
    """The worker could not read the photo (its message says why)."""


def detect(image_bytes: bytes) -> dict:
    """The reading of a selfie: {"mood", "confidence", "emotion", "moods"}."""
    if settings.ENGINES != "worker":
        return detect_mood(image_bytes)
    try:
        answer = async_to_sync(ask_worker)(CHANNEL, {"type": "mood.detect", "image": image_bytes}, WORKER_TIMEOUT_S)
    except TimeoutError:
        logger.warning("no mood worker answered in %.0f s; reading the photo here", WORKER_TIMEOUT_S)
        return detect_mood(image_bytes)
    if "reading" in answer:
        return answer["reading"]
    if answer.get("code") == "no_face":
        raise NoFace()
    if answer.get("code", "internal") != "internal":
        raise Invalid(answer["error"], code=answer["code"])
    raise WorkerFailed(answer["error"])
