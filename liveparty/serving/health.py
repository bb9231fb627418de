"""Is this process up (liveness), and can it do its work (readiness): reach the database
and the channel layer. Each check answers within a second, so an orchestrator or the
front door is never kept waiting by a dead dependency."""

import asyncio
import contextlib
import logging
from typing import Any

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import connection

logger = logging.getLogger(__name__)

# A dependency that has not answered in this long counts as unreachable.
CHECK_TIMEOUT_S = 1.0


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


async def database_reachable() -> str | None:
    """None when the database answered; else what went wrong."""
    try:
        await asyncio.wait_for(sync_to_async(_database)(), CHECK_TIMEOUT_S)
    except Exception as error:  # any failure means not ready, and says which
        logger.warning("readiness: the database is unreachable: %r", error)
        return _said(error)
    return None


async def channel_layer_reachable() -> str | None:
    """None when a message sent on each channel layer (the engines' and the news') came
    back; else what went wrong. A round trip, not a ping: it is what the fan-out and
    the engines need of a layer."""
    for alias in settings.CHANNEL_LAYERS:
        try:
            await _round_trip(get_channel_layer(alias))
        except Exception as error:
            logger.warning("readiness: the %s channel layer is unreachable: %r", alias, error)
            return _said(error)
    return None


async def _round_trip(layer: Any) -> None:
    channel = await layer.new_channel("readiness.")
    await asyncio.wait_for(layer.send(channel, {"type": "readiness.check"}), CHECK_TIMEOUT_S)
    await asyncio.wait_for(layer.receive(channel), CHECK_TIMEOUT_S)
    # The pub/sub layer lets a channel go (unsubscribes it) only when a receive on it is
    # cancelled; without this each check would leave a subscription behind for good.
    waiting = asyncio.create_task(layer.receive(channel))
    await asyncio.sleep(0)
    waiting.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await waiting


def _said(error: Exception) -> str:
    if isinstance(error, TimeoutError):
        return f"no answer within {CHECK_TIMEOUT_S:g} s"
    return f"{type(error).__name__}: {error}"[:200]
