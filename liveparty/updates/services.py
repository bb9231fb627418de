"""The only code that appends to the update log and publishes to the channel layer."""

from collections.abc import Iterable
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection, transaction
from django.utils import timezone

from liveparty.db import consistent_read
from liveparty.updates.models import Kind, Stream, Update

# The channel layer (settings.CHANNEL_LAYERS) that carries news to the fan-outs; the
# engines' questions and jobs go on the default one, which queues them for a worker.
NEWS_LAYER = "news"
# Channel-layer message types, one per kind of news; the fan-out dispatches on them.
UPDATE_MESSAGE = "party.update"
NOTICE_MESSAGE = "party.notice"
# A notice for the DJs' consoles of an event (no seq, like a guest's notice).
DJ_NOTICE_MESSAGE = "party.dj_notice"
# The DJs' suggestion list (liveparty/recommend), sent by the engine to the event's group.
SUGGESTIONS_MESSAGE = "party.suggestions"
# Updates kept per event for resuming; a client further behind gets a fresh snapshot.
# An evening is a few thousand updates: this covers a phone asleep for most of one.
LOG_RETENTION = 5000
# The log is trimmed every this many updates, not on each one.
PRUNE_EVERY = 500


def news_layer() -> Any:
    """The news layer: a RedisChannelLayer, a RedisPubSubChannelLayer (which shares no
    base class with the others) or, embedded, an InMemoryChannelLayer."""
    return get_channel_layer(NEWS_LAYER)


def event_group(event_id: int) -> str:
    return f"event.{event_id}"


def guest_group(guest_id: int) -> str:
    return f"guest.{guest_id}"


def open_stream(event_id: int) -> None:
    """Start an event's log at seq 0; called once, when the event starts."""
    Stream.objects.create(event_id=event_id)


def current_seq(event_id: int) -> int:
    return Stream.objects.values_list("last_seq", flat=True).get(event_id=event_id)


def current_seqs(event_ids: list[int]) -> dict[int, int]:
    """The last seq of each event, in one query (the fan-out's audit)."""
    return dict(Stream.objects.filter(event_id__in=event_ids).values_list("event_id", "last_seq"))


def record(event_id: int, kind: Kind, data: dict) -> int:
    """Append an update in the caller's transaction and publish it once that commits."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record() must run inside the transaction of the change it records")
    seq = _append(event_id, kind, data)
    if seq % PRUNE_EVERY == 0:
        Update.objects.filter(event_id=event_id, seq__lte=seq - LOG_RETENTION).delete()
    message = {"type": UPDATE_MESSAGE, "event_id": event_id, "seq": seq, "kind": str(kind), "data": data}
    _publish_on_commit(event_group(event_id), message)
    return seq


def _append(event_id: int, kind: Kind, data: dict) -> int:
    """Take the stream's next number and log the update under it: one statement on
    PostgreSQL (a data-modifying WITH), two on SQLite, which has none. Every action
    records while it holds its event's lock, so each round trip saved here shortens
    the queue of every busy party."""
    stream, log = (connection.ops.quote_name(model._meta.db_table) for model in (Stream, Update))
    fields = {name: Update._meta.get_field(name) for name in ("kind", "data", "created_at")}
    values = [
        fields["kind"].get_db_prep_save(str(kind), connection),
        fields["data"].get_db_prep_save(data, connection),
        fields["created_at"].get_db_prep_save(timezone.now(), connection),
    ]
    next_seq = f"UPDATE {stream} SET last_seq = last_seq + 1 WHERE event_id = %s RETURNING last_seq"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH next AS ({next_seq}) INSERT INTO {log} (event_id, seq, kind, data, created_at) "
                "SELECT %s, last_seq, %s, %s, %s FROM next RETURNING seq",
                [event_id, event_id, *values],
            )
            return cursor.fetchone()[0]
        cursor.execute(next_seq, [event_id])
        seq = cursor.fetchone()[0]
        cursor.execute(
            f"INSERT INTO {log} (event_id, seq, kind, data, created_at) VALUES (%s, %s, %s, %s, %s)",
            [event_id, seq, *values],
        )
        return seq


def notify(guest_ids: Iterable[int], kind: str, data: dict, *, then_close: bool = False) -> None:
    """Send a personal notice (no seq) to each guest's connections once the change commits;
    `then_close`: the connections close after it (a guest shown the door)."""
    for guest_id in sorted(set(guest_ids)):
        message = {"type": NOTICE_MESSAGE, "guest_id": guest_id, "kind": kind, "data": data}
        if then_close:
            message["close"] = True
        _publish_on_commit(guest_group(guest_id), message)


def notify_djs(event_id: int, kind: str, data: dict) -> None:
    """Send a notice (no seq) to the DJs' consoles of the event once the change commits:
    news for the DJs alone, which the update stream (every page's) must not carry."""
    message = {"type": DJ_NOTICE_MESSAGE, "event_id": event_id, "kind": kind, "data": data}
    _publish_on_commit(event_group(event_id), message)


def updates_since(event_id: int, seq: int) -> list[dict] | None:
    """The updates after `seq`, in order, as clients receive them; None when some of
    them are no longer kept, or `seq` is ahead of the log (the caller then sends a
    fresh snapshot)."""
    with consistent_read():
        last = current_seq(event_id)
        if seq > last:
            return None
        updates = [update.message for update in Update.objects.filter(event_id=event_id, seq__gt=seq).order_by("seq")]
    # The log is contiguous up to `last`: anything short of that was pruned.
    return updates if len(updates) == last - seq else None


def _publish_on_commit(group: str, message: dict) -> None:
    """At-most-once news: a failure to publish is logged (robust) and loses nothing, as
    clients catch up from the log. (A named function: Django's robust on_commit logs the
    callback's __qualname__, which functools.partial lacks.)"""

    def publish() -> None:
        async_to_sync(news_layer().group_send)(group, message)

    transaction.on_commit(publish, robust=True)
