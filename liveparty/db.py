"""Database helpers shared by the areas."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction


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
