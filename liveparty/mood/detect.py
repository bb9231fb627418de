"""detect_mood: a selfie in, a party mood with a confidence out.

The network reads FER2013's seven emotions; EMOTION_MOODS folds them into the party
moods. The confidence is averaged over four views of the face (as found and a little
closer, each mirrored) because one view alone answers 1.0 for nearly every face, a wrong
reading included. Selfies that arrive together share one forward pass, off the event loop.
"""

import queue
import threading
import time
from concurrent.futures import Future

import cv2
import numpy as np

from liveparty.memo import Memo
from liveparty.mood.faces import face_crop
from liveparty.mood.models import Mood
from liveparty.mood.network import FACE_SIZE, as_batch
from liveparty.mood.weights import installed_model

EMOTION_MOODS = {
    "happy": Mood.HAPPY,
    "surprise": Mood.ENERGETIC,
    "neutral": Mood.CHILL,
    "sad": Mood.SAD,
    "angry": Mood.TENSE,
    "fear": Mood.TENSE,
    "disgust": Mood.TENSE,
}
# How long the first selfie of a batch waits for others, and the most read at once.
BATCH_WINDOW_S = 0.01
MAX_BATCH = 32
DETECT_TIMEOUT_S = 30.0
# The views of a face read for one reading: (left, top, size) of a crop of the 48x48
# face, each also mirrored: a face finder's box is that much looser or tighter from photo
# to photo.
VIEWS = ((0, 0, FACE_SIZE), (4, 4, 40))


def views(face: np.ndarray) -> list[np.ndarray]:
    """The face as the network reads it for one reading: every crop, plain and mirrored."""
    seen = []
    for image in (face, np.ascontiguousarray(face[:, ::-1])):
        for left, top, size in VIEWS:
            crop = image[top : top + size, left : left + size]
            seen.append(crop if size == FACE_SIZE else cv2.resize(crop, (FACE_SIZE, FACE_SIZE), cv2.INTER_AREA))
    return seen


def read_faces(faces: list[np.ndarray]) -> list[dict]:
    """One reading per 48x48 grayscale face; every view of every face in one forward pass."""
    model = installed_model()
    seen = [view for face in faces for view in views(face)]
    shares = model.probabilities(as_batch(np.stack(seen))).reshape(len(faces), 2 * len(VIEWS), -1).mean(dim=1)
    readings = []
    for row in shares.tolist():
        emotions = dict(zip(model.classes, row, strict=True))
        moods = dict.fromkeys(Mood.values, 0.0)
        for emotion, share in emotions.items():
            moods[EMOTION_MOODS[emotion]] += share
        mood = max(moods, key=moods.get)
        readings.append(
            {
                "mood": str(mood),
                "confidence": round(moods[mood], 4),
                "emotion": max(emotions, key=emotions.get),
                "moods": {name: round(share, 4) for name, share in moods.items()},
            }
        )
    return readings


class Batcher:
    """Collects faces from any thread and reads them in batches on one worker thread."""

    def __init__(self) -> None:
        self.waiting: queue.Queue[tuple[np.ndarray, Future]] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="mood-batcher", daemon=True)
        self.thread.start()
        self.batches: list[int] = []  # sizes of the last batches read (for the benchmark)

    def submit(self, face: np.ndarray) -> Future:
        done: Future = Future()
        self.waiting.put((face, done))
        return done

    def _run(self) -> None:
        while True:
            batch = [self.waiting.get()]
            deadline = time.monotonic() + BATCH_WINDOW_S
            while len(batch) < MAX_BATCH:
                left = deadline - time.monotonic()
                try:
                    batch.append(self.waiting.get(timeout=max(left, 0)) if left > 0 else self.waiting.get_nowait())
                except queue.Empty:
                    break
            self.batches = [*self.batches[-99:], len(batch)]
            try:
                readings = read_faces([face for face, _ in batch])
            except Exception as failure:  # every waiting caller hears of it
                for _, done in batch:
                    done.set_exception(failure)
            else:
                for (_, done), reading in zip(batch, readings, strict=True):
                    done.set_result(reading)


_batcher = Memo(Batcher)


def batcher() -> Batcher:
    return _batcher.get()


def detect_mood(image_bytes: bytes) -> dict:
    """The mood on the largest face of a photo (NoFace, or Invalid for a bad upload)."""
    face = face_crop(image_bytes)
    return batcher().submit(face).result(timeout=DETECT_TIMEOUT_S)
