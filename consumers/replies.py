"""Safe retry: the answer to each client message, kept per identity by message id.

A page re-sends what it queued while offline with the same ids after reconnecting;
if the first copy did arrive, the second gets the stored answer and changes nothing.
Answers live in Django's cache (Redis in production, so a retry may land on another
server process).
"""

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

from django.core.cache import cache

from consumers import messages

# Long enough to cover a phone that lost signal for a while and came back.
REPLY_TTL_S = 15 * 60
# A retry that overtakes the first copy waits this long for its answer.
PENDING_WAIT_S = 10.0
PENDING_POLL_S = 0.05
PENDING = "pending"


def reply_key(identity_key: str, ref: Any) -> str:
    # json.dumps tells the id 1 from the id "1".
    return f"liveparty:reply:{identity_key}:{json.dumps(ref)}"


async def once(identity_key: str, ref: Any, handle: Callable[[], Awaitable[dict]]) -> dict:
    """Run `handle` for the first copy of a message and answer every copy alike."""
    key = reply_key(identity_key, ref)
    if not await cache.aadd(key, PENDING, REPLY_TTL_S):
        return await _stored(key, ref)
    try:
        reply = await handle()
    except BaseException:
        await cache.adelete(key)
        raise
    await cache.aset(key, messages.dumps(reply), REPLY_TTL_S)
    return reply


async def _stored(key: str, ref: Any) -> dict:
    waited = 0.0
    while waited < PENDING_WAIT_S:
        stored = await cache.aget(key)
        if stored is None:
            break
        if stored != PENDING:
            return json.loads(stored)
        await asyncio.sleep(PENDING_POLL_S)
        waited += PENDING_POLL_S
    return messages.error(ref, "conflict", "That message is still being handled; send it again in a moment.")
