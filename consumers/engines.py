"""Worker consumers for the engine channels (`manage.py runworker recommend mood`).

Each message is a question with a `reply_to` channel, or a job (refresh, rebuild). The
handlers call the same functions as the in-process engines (liveparty/recommend/compute.py,
liveparty/mood/detect.py), never on the worker's event loop: the recommender as a
SyncConsumer (in a thread), the mood engine in threads of its own, so photos arriving
together are read in one batch.
"""

import asyncio
import logging
from collections.abc import Callable

from asgiref.sync import async_to_sync
from channels.consumer import AsyncConsumer, SyncConsumer

from liveparty.errors import DomainError
from liveparty.mood.detect import batcher
from liveparty.mood.engine import CHANNEL as MOOD_CHANNEL
from liveparty.mood.faces import face_crop
from liveparty.recommend import compute
from liveparty.recommend.engine import CHANNEL as RECOMMEND_CHANNEL
from liveparty.recommend.engine import suggestions_message
from liveparty.updates.services import event_group

logger = logging.getLogger(__name__)


class RecommendWorker(SyncConsumer):
    def recommend_suggest(self, message: dict) -> None:
        self.answer(message, lambda: compute.suggestions(message["event_id"], message["n"]))

    def recommend_similar(self, message: dict) -> None:
        self.answer(
            message,
            lambda: compute.similar(message["song_id"], message["n"], message["event_id"], message["guest_id"]),
        )

    def recommend_refresh(self, message: dict) -> None:
        event_id = message["event_id"]
        items = compute.refresh(event_id, compute.SUGGESTIONS)
        if items is not None:
            async_to_sync(self.channel_layer.group_send)(event_group(event_id), suggestions_message(event_id, items))

    def recommend_rebuild(self, message: dict) -> None:
        logger.info("recommender model rebuilt: %s", compute.rebuild())

    def answer(self, message: dict, work: Callable[[], list[dict]]) -> None:
        """Reply with the items, or with why not: the caller never waits for a timeout."""
        try:
            reply = {"items": work()}
        except Exception as failure:
            logger.exception("recommend worker failed on %s", message.get("type"))
            reply = {"error": f"{type(failure).__name__}: {failure}"}
        async_to_sync(self.channel_layer.send)(message["reply_to"], {"type": "recommend.answer", **reply})


class MoodWorker(AsyncConsumer):
    """`manage.py runworker mood`. Each photo is handled in a task of its own, so photos
    arriving together wait in the batcher together and share a forward pass."""

    async def mood_detect(self, message: dict) -> None:
        asyncio.get_running_loop().create_task(self.answer(message))

    async def answer(self, message: dict) -> None:
        try:
            face = await asyncio.to_thread(face_crop, message["image"])
            reply = {"reading": await asyncio.wrap_future(batcher().submit(face))}
        except DomainError as refusal:
            reply = {"error": refusal.message, "code": refusal.code}
        except Exception as failure:
            logger.exception("mood worker failed")
            reply = {"error": f"{type(failure).__name__}: {failure}", "code": "internal"}
        await self.channel_layer.send(message["reply_to"], {"type": "mood.answer", **reply})


engine_workers = {RECOMMEND_CHANNEL: RecommendWorker.as_asgi(), MOOD_CHANNEL: MoodWorker.as_asgi()}
