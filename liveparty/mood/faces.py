"""From an uploaded selfie to the 48x48 grayscale face the networks read.

The photo is decoded in memory and never written here (only a guest who asks has it kept:
`keep` in mood/services.record_selfie). It is checked before it is decoded: its size, its format
(JPEG, PNG or WebP, by content, not by name) and its pixel count (a small file can
decode to gigabytes: a decompression bomb). Faces are found with OpenCV's Haar
frontal-face cascade, which ships with opencv-python-headless (below version 5); the
largest face is the guest's.
"""

import io
import threading

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from liveparty.errors import Conflict, Invalid
from liveparty.mood.network import FACE_SIZE

MAX_UPLOAD_BYTES = 6 * 1024 * 1024  # a phone's full-size JPEG, with room
MAX_PIXELS = 40_000_000  # 48 MP: any phone camera, and nothing a bomb could use
FORMATS = {"JPEG", "PNG", "WEBP"}
# A face smaller than this share of the photo's shorter side is a bystander, not the guest.
MIN_FACE_SHARE = 0.08

CASCADE = str(cv2.data.haarcascades) + "haarcascade_frontalface_default.xml"
# A CascadeClassifier is not safe to share between threads (concurrent detections
# return each other's faces): one per thread.
_local = threading.local()


def _cascade() -> cv2.CascadeClassifier:
    if not hasattr(_local, "cascade"):
        _local.cascade = cv2.CascadeClassifier(CASCADE)
    return _local.cascade


class NoFace(Conflict):
    def __init__(self) -> None:
        super().__init__("No face found in that photo: try again facing the camera, or tap a mood.", code="no_face")


def grayscale(image_bytes: bytes) -> np.ndarray:
    """The photo as a grayscale array, or Invalid with a reason a guest can act on."""
    if len(image_bytes) > MAX_UPLOAD_BYTES:
        raise Invalid(f"That photo is too large (the limit is {MAX_UPLOAD_BYTES // 2**20} MB).", code="image_too_large")
    try:
        with Image.open(io.BytesIO(image_bytes)) as image:  # reads the header only
            if image.format not in FORMATS:
                raise Invalid("Send a JPEG, PNG or WebP photo.", code="image_format")
            if image.width * image.height > MAX_PIXELS:
                raise Invalid("That photo has too many pixels.", code="image_too_large")
            return np.asarray(image.convert("L"))
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise Invalid("That is not a photo we can read.", code="not_an_image") from error


def face_crop(image_bytes: bytes) -> np.ndarray:
    """The largest face, 48x48 grayscale (uint8); NoFace when there is none."""
    gray = grayscale(image_bytes)
    shortest = min(gray.shape)
    least = max(24, int(shortest * MIN_FACE_SHARE))
    faces = _cascade().detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5, minSize=(least, least))
    if len(faces) == 0:
        raise NoFace()
    x, y, width, height = max(faces, key=lambda box: box[2] * box[3])
    return cv2.resize(gray[y : y + height, x : x + width], (FACE_SIZE, FACE_SIZE), interpolation=cv2.INTER_AREA)
