"""Safe retry: the answer to each client message, kept per identity by message id.

A page re-sends what it queued while offline with the same ids after reconnecting;
if the first copy did arrive, the second gets the stored answer and changes nothing.
Answers live in Django's cache (Redis in production, so a retry may land on another
server process).
"""

import asyncio
import json
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


def claim(identity_key: str, ref: Any) -> bool:
    """Whether this copy of the message is the first, to be carried out (blocking I/O:
    called on the database's thread, in the same hop as the action)."""
    return cache.add(reply_key(identity_key, ref), PENDING, REPLY_TTL_S)


def keep(identity_key: str, ref: Any, reply: dict) -> None:
    cache.set(reply_key(identity_key, ref), messages.dumps(reply), REPLY_TTL_S)


def forget(identity_key: str, ref: Any) -> None:
    """The first copy failed: a later copy is carried out afresh."""
    cache.delete(reply_key(identity_key, ref))


async def stored(identity_key: str, ref: Any) -> dict:
    """The answer of the first copy, once it has one."""
    key = reply_key(identity_key, ref)
    waited = 0.0
    while waited < PENDING_WAIT_S:
        answer = await cache.aget(key)
        if answer is None:
            break
        if answer != PENDING:
            return json.loads(answer)
        await asyncio.sleep(PENDING_POLL_S)
        waited += PENDING_POLL_S
    return messages.error(ref, "conflict", "That message is still being handled; send it again in a moment.")
