"""The production shape of the engine: `manage.py runworker recommend` over Redis gives
the same suggestions as the in-process engine, and pushes refreshes to the event."""

import pytest
from asgiref.sync import sync_to_async
from django.core.cache import cache

from liveparty import actions
from liveparty.processes import worker
from liveparty.recommend import compute, engine
from liveparty.recommend.services import similar, suggest
from liveparty.updates.services import SUGGESTIONS_MESSAGE, event_group, news_layer
from tests.recommend.conftest import _registry, scenes  # noqa: F401 (fixtures)
from tests.servers import server_env

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.services("redis")]


def a_party_with_history(event, dj, guest, guest2, scenes):  # noqa: F811
    playing = actions.request_song(guest, scenes["rock"][2].pk)
    actions.play(event, dj, playing.pk)
    actions.rate(guest, 1)
    actions.request_song(guest2, scenes["jazz"][1].pk)


def answer_here_instead(*args: object) -> list[dict]:
    raise AssertionError("the worker did not answer: the page server computed it")


async def test_the_worker_and_the_in_process_engine_agree(
    tmp_path,
    settings,
    monkeypatch,
    event,
    dj,
    guest,
    guest2,
    scenes,  # noqa: F811
):
    await sync_to_async(a_party_with_history)(event, dj, guest, guest2, scenes)
    here = await sync_to_async(compute.suggestions)(event.pk, 10)
    here_similar = await sync_to_async(compute.similar)(scenes["rock"][0].pk, 5, event.pk, guest.pk)
    assert [item for item in here if item["algorithm"] == "explore"]  # a rich case: every kind of pick

    with worker(server_env(tmp_path, LIVEPARTY_ENGINES="worker"), tmp_path / "worker.log", "recommend"):
        settings.ENGINES = "worker"
        monkeypatch.setattr(engine.compute, "suggestions", answer_here_instead)
        monkeypatch.setattr(engine.compute, "similar", answer_here_instead)
        await sync_to_async(cache.clear)()
        there = await sync_to_async(suggest)(event, 10)
        there_similar = await sync_to_async(similar)(scenes["rock"][0], 5, event=event, guest_id=guest.pk)
        assert there == here
        assert there_similar == here_similar

        layer = news_layer()
        listener = await layer.new_channel()
        await layer.group_add(event_group(event.pk), listener)
        await sync_to_async(compute.invalidate)(event.pk)
        await sync_to_async(engine.engine().refresh)(event.pk)
        pushed = await layer.receive(listener)
        assert pushed["type"] == SUGGESTIONS_MESSAGE
        assert pushed["data"] == here
