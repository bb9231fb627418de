"""Database helpers shared by the areas."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
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
