"""Database helpers shared by the areas."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import DateTimeField, Func
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
        return self.as_sql(
            compiler, connection, template="strftime('%%%%Y-%%%%m-%%%%d %%%%H:%%%%M:00', %(expressions)s)"
        )
