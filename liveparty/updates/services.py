"""The only code that appends to the update log and publishes to the channel layer."""

from collections.abc import Callable, Iterable, Sequence
from functools import cache
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import connection, models, transaction
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
    _require_transaction()
    seq = _append(event_id, kind, data)
    _logged(event_id, seq, kind, data)
    return seq


def record_created(
    event_id: int, kind: Kind, row: models.Model, dependants: Sequence[models.Model], data: Callable[[], dict]
) -> int:
    """Insert `row`, then `dependants` (rows that refer to it, by their one foreign key
    to its model), and record `kind` with `data()`, the new row's public form, whose
    "id" is the row's: on PostgreSQL all in one statement. A new request is made under
    its event's lock, and one statement is two round trips fewer there than saving
    each row and recording after. (`data()` runs before the row has its id: the
    database writes the id into the log's copy, and this function into the news.)"""
    _require_transaction()
    if connection.vendor != "postgresql":
        row.save(force_insert=True)
        for dependant in dependants:
            setattr(dependant, _reference(type(dependant), type(row)).attname, row.pk)
            dependant.save(force_insert=True)
        return record(event_id, kind, data())
    sql = _created_sql(type(row), tuple(type(dependant) for dependant in dependants))
    params = [_insert_values(row), *(_insert_values(dependant, skip=type(row)) for dependant in dependants)]
    public = data()
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for values in params for value in values] + _log_values(event_id, kind, public))
        seq, row_id, *dependant_ids = cursor.fetchone()
    row.pk = row_id
    row._state.adding, row._state.db = False, connection.alias
    for dependant, dependant_id in zip(dependants, dependant_ids, strict=True):
        setattr(dependant, _reference(type(dependant), type(row)).attname, row_id)
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


def _append(event_id: int, kind: Kind, data: dict) -> int:
    """Take the stream's next number and log the update under it: one statement on
    PostgreSQL (a data-modifying WITH), two on SQLite, which has none. Every action
    records while it holds its event's lock, so each round trip saved here shortens
    the queue of every busy party."""
    stream, log = _tables()
    values = _log_values(event_id, kind, data)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"WITH next AS ({_next_seq(stream)}) INSERT INTO {log} {_LOG_COLUMNS} "
                "SELECT %s, last_seq, %s, %s, %s FROM next RETURNING seq",
                values,
            )
            return cursor.fetchone()[0]
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
    fields = _insert_fields(model)
    parts = [
        f"created AS (INSERT INTO {quote(model._meta.db_table)} ({_column_list(fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {pk})"
    ]
    for n, dependant in enumerate(dependants):
        own = _insert_fields(dependant, skip=model)
        reference = quote(_reference(dependant, model).column)
        parts.append(
            f"dependant{n} AS (INSERT INTO {quote(dependant._meta.db_table)} ({reference}, {_column_list(own)}) "
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


@cache
def _insert_fields(model: type[models.Model], skip: type[models.Model] | None = None) -> tuple[models.Field, ...]:
    """The columns an insert of `model` writes: all but its id, and but its reference to `skip`."""
    skipped = _reference(model, skip) if skip is not None else None
    return tuple(field for field in model._meta.concrete_fields if not field.primary_key and field is not skipped)


def _column_list(fields: tuple[models.Field, ...]) -> str:
    return ", ".join(connection.ops.quote_name(field.column) for field in fields)


def _insert_values(row: models.Model, skip: type[models.Model] | None = None) -> list:
    """The row's values as an insert writes them (an auto_now_add field takes the time now)."""
    return [field.get_db_prep_save(field.pre_save(row, True), connection) for field in _insert_fields(type(row), skip)]


@cache
def _reference(model: type[models.Model], to: type[models.Model]) -> models.ForeignKey:
    (field,) = (field for field in model._meta.concrete_fields if field.is_relation and field.related_model is to)
    return field


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
