"""Worker consumers for the engine channels (`manage.py runworker recommend mood`).

Each message is a question with a `reply_to` channel, or a job (refresh, rebuild). The
handlers call the same functions as the in-process engines (liveparty/recommend/compute.py,
liveparty/mood/engine.py), never on the worker's event loop: the recommender on the
database's thread, the mood engine in threads of its own, so photos arriving together
are read in one batch. Every question gets one answer (liveparty.engines.answer_of):
the caller never waits for a timeout on a failure.
"""

import asyncio
import functools
import logging

from channels.consumer import AsyncConsumer
from channels.db import database_sync_to_async

from liveparty.engines import answer_of
from liveparty.mood.engine import CHANNEL as MOOD_CHANNEL
from liveparty.mood.engine import read_here
from liveparty.recommend import compute
from liveparty.recommend.engine import CHANNEL as RECOMMEND_CHANNEL
from liveparty.recommend.engine import suggestions_message
from liveparty.updates.services import event_group, news_layer

logger = logging.getLogger(__name__)

# While an event keeps changing, its suggestions are recomputed this often at most.
REFRESH_EVERY_S = 1.0


class RecommendWorker(AsyncConsumer):
    """`manage.py runworker recommend`. Questions are answered one at a time on the
    database's thread, as they come. Refreshes are throttled per event: every page server
    asks one per COALESCE_S of changes (liveparty/recommend/engine.py), so a burst on four
    servers would recompute the list twenty times a second; the worker recomputes it at
    once after a quiet spell, then at most once every REFRESH_EVERY_S while changes keep
    coming, the last of them always followed by one that sees it."""

    def __init__(self) -> None:
        super().__init__()
        self.due: set[int] = set()  # events whose refresh is waiting for its turn
        self.last: dict[int, float] = {}  # when each event's list was last recomputed (loop time)
        self.tasks: set[asyncio.Task] = set()

    async def recommend_suggest(self, message: dict) -> None:
        work = functools.partial(compute.suggestions, message["event_id"], message["n"])
        await self.reply(message, await database_sync_to_async(answer_of)(work, "recommend.answer"))

    async def recommend_similar(self, message: dict) -> None:
        work = functools.partial(
            compute.similar, message["song_id"], message["n"], message["event_id"], message["guest_id"]
        )
        await self.reply(message, await database_sync_to_async(answer_of)(work, "recommend.answer"))

    async def recommend_refresh(self, message: dict) -> None:
        event_id = message["event_id"]
        if event_id in self.due:
            return  # the refresh waiting for its turn reads the database after this change
        self.due.add(event_id)
        loop = asyncio.get_running_loop()
        wait = max(0.0, self.last.get(event_id, -REFRESH_EVERY_S) + REFRESH_EVERY_S - loop.time())
        task = loop.create_task(self._refresh(event_id, wait))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def _refresh(self, event_id: int, wait: float) -> None:
        await asyncio.sleep(wait)
        self.due.discard(event_id)  # a change from now on asks for the next one
        self.last[event_id] = asyncio.get_running_loop().time()
        try:
            items = await database_sync_to_async(compute.refresh)(event_id, compute.SUGGESTIONS)
            if items is not None:
                await news_layer().group_send(event_group(event_id), suggestions_message(event_id, items))
        except Exception:
            logger.exception("could not refresh the suggestions of event %s", event_id)

    async def recommend_rebuild(self, message: dict) -> None:
        logger.info("recommender model rebuilt: %s", await database_sync_to_async(compute.rebuild)())

    async def reply(self, message: dict, answer: dict) -> None:
        await self.channel_layer.send(message["reply_to"], answer)


class MoodWorker(AsyncConsumer):
    """`manage.py runworker mood`. Each photo is handled in a task of its own, so photos
    arriving together wait in the batcher together and share a forward pass."""

    async def mood_detect(self, message: dict) -> None:
        asyncio.get_running_loop().create_task(self.answer(message))

    async def answer(self, message: dict) -> None:
        answer = await asyncio.to_thread(answer_of, functools.partial(read_here, message["image"]), "mood.answer")
        await self.channel_layer.send(message["reply_to"], answer)


engine_workers = {RECOMMEND_CHANNEL: RecommendWorker.as_asgi(), MOOD_CHANNEL: MoodWorker.as_asgi()}
