"""The mood engine's production shape: `manage.py runworker mood` over Redis reads selfies
as the in-process engine does, batches those that arrive together, and refuses the same."""

import asyncio

import pytest
from asgiref.sync import sync_to_async

from liveparty.errors import Conflict
from liveparty.mood import engine
from liveparty.mood.detect import detect_mood
from liveparty.mood.faces import NoFace
from liveparty.processes import worker
from tests.mood.conftest import LABELLED, NO_FACE, feat_images  # noqa: F401 (a fixture)
from tests.servers import server_env

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services("redis")]


def read_here_instead(image_bytes: bytes) -> dict:
    raise AssertionError("the worker did not answer: the page server read the photo")


async def test_the_worker_and_the_in_process_engine_agree(tmp_path, settings, monkeypatch, feat_images):  # noqa: F811
    photos = {name: (feat_images / name).read_bytes() for name in sorted(LABELLED)}
    here = {name: detect_mood(photo) for name, photo in photos.items()}
    with worker(server_env(tmp_path, LIVEPARTY_ENGINES="worker"), tmp_path / "worker.log", "mood"):
        settings.ENGINES = "worker"
        monkeypatch.setattr(engine, "detect_mood", read_here_instead)
        # As a page server calls it: from threads of one event loop, all at once (batched).
        read = sync_to_async(engine.detect, thread_sensitive=False)
        there = dict(zip(photos, await asyncio.gather(*(read(photo) for photo in photos.values())), strict=True))
        for name in photos:
            assert there[name]["mood"] == here[name]["mood"], name
            assert there[name]["confidence"] == pytest.approx(here[name]["confidence"], abs=1e-3)  # batched floats
        with pytest.raises(Conflict) as refused:  # the worker's refusal, as the API answers it
            await read((feat_images / NO_FACE).read_bytes())
        assert refused.value.as_dict() == NoFace().as_dict()
