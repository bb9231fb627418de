"""The only code that appends to the update log and publishes to the channel layer."""

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection, models, transaction
from django.utils import timezone

from liveparty.db import SQL, consistent_read, insert_fields, insert_sql, insert_statement, reference
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


def record(event_id: int, kind: Kind, data: dict, *, along_with: Sequence[SQL] = ()) -> int:
    """Append an update in the caller's transaction and publish it once that commits.

    `along_with`: the change's own writes (liveparty.db's statements), sent before the
    append. On PostgreSQL they go with it as one statement: an action records under its
    event's lock, and each round trip saved there is one every other action of the
    party no longer waits for."""
    _require_transaction()
    seq = _append(event_id, kind, data, along_with)
    _logged(event_id, seq, kind, data)
    return seq


def record_created(
    event_id: int, kind: Kind, row: models.Model, dependants: Sequence[models.Model], data: Callable[[], dict]
) -> int:
    """Insert `row`, then `dependants` (rows that refer to it, by their one foreign key
    to its model), and record `kind` with `data()`, the new row's public form, whose
    "id" is the row's: on PostgreSQL all in one statement, as `record`'s `along_with`.
    (`data()` runs before the row has its id: the database writes the id into the
    log's copy, and this function into the news.)"""
    _require_transaction()
    if connection.vendor != "postgresql":
        row.save(force_insert=True)
        for dependant in dependants:
            setattr(dependant, reference(type(dependant), type(row)).attname, row.pk)
            dependant.save(force_insert=True)
        return record(event_id, kind, data())
    sql = _created_sql(type(row), tuple(type(dependant) for dependant in dependants))
    params = [insert_statement(row)[1], *(insert_statement(dependant, skip=type(row))[1] for dependant in dependants)]
    public = data()
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for values in params for value in values] + _log_values(event_id, kind, public))
        seq, row_id, *dependant_ids = cursor.fetchone()
    row.pk = row_id
    row._state.adding, row._state.db = False, connection.alias
    for dependant, dependant_id in zip(dependants, dependant_ids, strict=True):
        setattr(dependant, reference(type(dependant), type(row)).attname, row_id)
        dependant.pk = dependant_id
        dependant._state.adding, dependant._state.db = False, connection.alias
    public["id"] = row_id
    _logged(event_id, seq, kind, public)
    return seq


def _require_transaction() -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("an update must be recorded inside the transaction of the change it records")


def _logged(event_id: int, seq: int, kind: Kind, data: dict) -> None:
    """What follows each append: the log's trim now and then, and the news on commit."""
    if seq % PRUNE_EVERY == 0:
        Update.objects.filter(event_id=event_id, seq__lte=seq - LOG_RETENTION).delete()
    message = {"type": UPDATE_MESSAGE, "event_id": event_id, "seq": seq, "kind": str(kind), "data": data}
    _publish_on_commit(event_group(event_id), message)


def _append(event_id: int, kind: Kind, data: dict, along_with: Sequence[SQL] = ()) -> int:
    """Take the stream's next number and log the update under it, after the change's
    own writes: one statement on PostgreSQL (a data-modifying WITH), one each on
    SQLite, which has none."""
    stream, log = _tables()
    values = _log_values(event_id, kind, data)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            writes = "".join(f"write{n} AS ({sql}), " for n, (sql, _) in enumerate(along_with))
            cursor.execute(
                f"WITH {writes}next AS ({_next_seq(stream)}) INSERT INTO {log} {_LOG_COLUMNS} "
                "SELECT %s, last_seq, %s, %s, %s FROM next RETURNING seq",
                [value for _, params in along_with for value in params] + values,
            )
            return cursor.fetchone()[0]
        for sql, params in along_with:
            cursor.execute(sql, params)
        cursor.execute(_next_seq(stream), values[:1])
        seq = cursor.fetchone()[0]
        cursor.execute(f"INSERT INTO {log} {_LOG_COLUMNS} VALUES (%s, %s, %s, %s, %s)", [event_id, seq, *values[2:]])
        return seq


_LOG_COLUMNS = "(event_id, seq, kind, data, created_at)"


def _next_seq(stream: str) -> str:
    return f"UPDATE {stream} SET last_seq = last_seq + 1 WHERE event_id = %s RETURNING last_seq"


def _tables() -> tuple[str, str]:
    stream, log = (connection.ops.quote_name(model._meta.db_table) for model in (Stream, Update))
    return stream, log


def _log_values(event_id: int, kind: Kind, data: dict) -> list:
    """The values of an append's statement: the stream's event, then the log row's own."""
    fields = {name: Update._meta.get_field(name) for name in ("kind", "data", "created_at")}
    return [
        event_id,
        event_id,
        fields["kind"].get_db_prep_save(str(kind), connection),
        fields["data"].get_db_prep_save(data, connection),
        fields["created_at"].get_db_prep_save(timezone.now(), connection),
    ]


@cache
def _created_sql(model: type[models.Model], dependants: tuple[type[models.Model], ...]) -> str:
    """record_created's statement on PostgreSQL, built once for each shape of change."""
    quote = connection.ops.quote_name
    stream, log = _tables()
    pk = quote(model._meta.pk.column)
    parts = [f"created AS ({insert_sql(model)} RETURNING {pk})"]
    for n, dependant in enumerate(dependants):
        own = insert_fields(dependant, model)
        columns = ", ".join(quote(field.column) for field in (reference(dependant, model), *own))
        parts.append(
            f"dependant{n} AS (INSERT INTO {quote(dependant._meta.db_table)} ({columns}) "
            f"SELECT {pk}, {', '.join(['%s'] * len(own))} FROM created "
            f"RETURNING {quote(dependant._meta.pk.column)} AS id)"
        )
    parts.append(f"next AS ({_next_seq(stream)})")
    parts.append(
        f"logged AS (INSERT INTO {log} {_LOG_COLUMNS} "
        f"SELECT %s, next.last_seq, %s, jsonb_set(%s::jsonb, '{{id}}', to_jsonb(created.{pk})), %s "
        "FROM next, created RETURNING seq)"
    )
    selected = ["logged.seq", f"created.{pk}", *(f"dependant{n}.id" for n in range(len(dependants)))]
    sources = ["logged", "created", *(f"dependant{n}" for n in range(len(dependants)))]
    return f"WITH {', '.join(parts)} SELECT {', '.join(selected)} FROM {', '.join(sources)}"


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
