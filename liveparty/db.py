"""Database helpers shared by the areas."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import DateTimeField, Func, IntegerField
from django.db.models.functions import TruncHour
from django.db.models.sql.compiler import SQLCompiler

SQL = tuple[str, list]


@contextmanager
def consistent_read() -> Iterator[None]:
    """Run several queries against one snapshot of the database.

    PostgreSQL's default READ COMMITTED gives each statement its own snapshot, so a
    `seq` read first could be older than the rows read after it; REPEATABLE READ pins
    one snapshot for the transaction without blocking writers. SQLite transactions
    are serialised already.
    """
    connection = transaction.get_connection()
    repeatable = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if repeatable:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def insert_statement(row: models.Model, skip: type[models.Model] | None = None) -> SQL:
    """The INSERT of a new row as the ORM writes it (an auto_now_add field takes the time
    now), for a caller that sends it with other writes as one statement (see
    updates.services.record). `skip`: leave out the row's reference to that model, which
    the caller fills in. The SQL is built once per model."""
    fields = insert_fields(type(row), skip)
    return insert_sql(type(row), skip), [
        field.get_db_prep_save(field.pre_save(row, True), connection) for field in fields
    ]


def increment_statement(model: type[models.Model], pk: int, field_name: str) -> SQL:
    """`field_name` of the row `pk` plus one, as `.update(field=F(field) + 1)` writes it."""
    quote = connection.ops.quote_name
    column = quote(model._meta.get_field(field_name).column)
    return (
        f"UPDATE {quote(model._meta.db_table)} SET {column} = {column} + 1 WHERE {quote(model._meta.pk.column)} = %s",
        [pk],
    )


@cache
def insert_fields(model: type[models.Model], skip: type[models.Model] | None = None) -> tuple[models.Field, ...]:
    """The columns an insert of `model` writes: all but its id, and but its reference to `skip`."""
    skipped = reference(model, skip) if skip is not None else None
    return tuple(field for field in model._meta.concrete_fields if not field.primary_key and field is not skipped)


@cache
def reference(model: type[models.Model], to: type[models.Model]) -> models.ForeignKey:
    """`model`'s one foreign key to `to`."""
    (field,) = (field for field in model._meta.concrete_fields if field.is_relation and field.related_model is to)
    return field


@cache
def insert_sql(model: type[models.Model], skip: type[models.Model] | None = None) -> str:
    """insert_statement's SQL."""
    fields = insert_fields(model, skip)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    return f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({placeholders})"


class MinuteOf(Func):
    """The minute a datetime column falls in, as a datetime: TruncMinute without its
    per-row time zone work in Python (a third of a big recap's time). The database works
    in UTC (settings.TIME_ZONE), so its truncation is the UTC minute."""

    output_field = DateTimeField()

    def as_postgresql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> SQL:
        return self.as_sql(compiler, connection, template="DATE_TRUNC('minute', %(expressions)s)")

    def as_sqlite(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> SQL:
        # Each % doubled twice: once for this template, once for the driver's parameter style.
        return self.as_sql(
            compiler, connection, template="strftime('%%%%Y-%%%%m-%%%%d %%%%H:%%%%M:00', %(expressions)s)"
        )


class LocalHour(Func):
    """The hour a datetime falls in on `zone`'s wall clock, naive (the database does the
    time zone arithmetic, once per row, and Python makes no datetime per row)."""

    output_field = DateTimeField()

    def __init__(self, expression: str, zone: ZoneInfo) -> None:
        super().__init__(expression)
        self.zone = zone

    def as_postgresql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> SQL:
        column, params = compiler.compile(self.source_expressions[0])
        return f"DATE_TRUNC('hour', {column} AT TIME ZONE %s)", [*params, self.zone.key]

    def as_sqlite(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any) -> SQL:
        return compiler.compile(TruncHour(self.source_expressions[0], tzinfo=self.zone))


class SumOver(Func):
    """SUM as a window over an aggregate (`Window(SumOver(F("n")), partition_by=...)`,
    SQL's SUM(COUNT(*)) OVER (...)): Django's Sum refuses an aggregate inside it."""

    function = "SUM"
    window_compatible = True
    output_field = IntegerField()
