"""Selfies a guest chose to keep: stored small, and only the last few.

A phone's photo is several megabytes; kept as sent, ten of them from one guest grew the
database by 46 MiB (F3). What a recap or a DJ looks at is a face, so a kept photo is
re-encoded as a JPEG of at most KEEP_SIDE pixels a side (about 100 KB), turned upright
as the phone meant it, and a guest keeps at most KEPT_PER_GUEST: keeping another lets
the oldest go (its reading stays).
"""

import io

from PIL import Image, ImageOps

KEEP_SIDE = 1024
KEEP_QUALITY = 85
KEPT_PER_GUEST = 3


def shrunk(image_bytes: bytes) -> bytes:
    """The photo as the JPEG that is kept (the engine has read it already: it decodes)."""
    with Image.open(io.BytesIO(image_bytes)) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")
        upright.thumbnail((KEEP_SIDE, KEEP_SIDE))
        out = io.BytesIO()
        upright.save(out, format="JPEG", quality=KEEP_QUALITY, optimize=True)
    return out.getvalue()
