"""Worker consumers for the engine channels (`manage.py runworker recommend mood`).

Each message is a question with a `reply_to` channel, or a job (refresh, rebuild). The
handlers call the same functions as the in-process engines (liveparty/recommend/compute.py,
liveparty/mood/engine.py), never on the worker's event loop: the recommender as a
SyncConsumer (in a thread), the mood engine in threads of its own, so photos arriving
together are read in one batch. Every question gets one answer (liveparty.engines.answer_of):
the caller never waits for a timeout on a failure.
"""

import asyncio
import functools
import logging

from asgiref.sync import async_to_sync
from channels.consumer import AsyncConsumer, SyncConsumer

from liveparty.engines import answer_of
from liveparty.mood.engine import CHANNEL as MOOD_CHANNEL
from liveparty.mood.engine import read_here
from liveparty.recommend import compute
from liveparty.recommend.engine import CHANNEL as RECOMMEND_CHANNEL
from liveparty.recommend.engine import suggestions_message
from liveparty.updates.services import event_group, news_layer

logger = logging.getLogger(__name__)


class RecommendWorker(SyncConsumer):
    def recommend_suggest(self, message: dict) -> None:
        self.reply(
            message, answer_of(lambda: compute.suggestions(message["event_id"], message["n"]), "recommend.answer")
        )

    def recommend_similar(self, message: dict) -> None:
        args = (message["song_id"], message["n"], message["event_id"], message["guest_id"])
        self.reply(message, answer_of(functools.partial(compute.similar, *args), "recommend.answer"))

    def recommend_refresh(self, message: dict) -> None:
        event_id = message["event_id"]
        items = compute.refresh(event_id, compute.SUGGESTIONS)
        if items is not None:
            async_to_sync(news_layer().group_send)(event_group(event_id), suggestions_message(event_id, items))

    def recommend_rebuild(self, message: dict) -> None:
        logger.info("recommender model rebuilt: %s", compute.rebuild())

    def reply(self, message: dict, answer: dict) -> None:
        async_to_sync(self.channel_layer.send)(message["reply_to"], answer)


class MoodWorker(AsyncConsumer):
    """`manage.py runworker mood`. Each photo is handled in a task of its own, so photos
    arriving together wait in the batcher together and share a forward pass."""

    async def mood_detect(self, message: dict) -> None:
        asyncio.get_running_loop().create_task(self.answer(message))

    async def answer(self, message: dict) -> None:
        answer = await asyncio.to_thread(answer_of, functools.partial(read_here, message["image"]), "mood.answer")
        await self.channel_layer.send(message["reply_to"], answer)


engine_workers = {RECOMMEND_CHANNEL: RecommendWorker.as_asgi(), MOOD_CHANNEL: MoodWorker.as_asgi()}
