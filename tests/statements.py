"""The statements an action sent while it held its event's lock, from Django's
CaptureQueriesContext: every other action of the party waits for those."""

from django.test.utils import CaptureQueriesContext


def under_the_events_lock(queries: CaptureQueriesContext) -> list[str]:
    """After the event's row lock (PostgreSQL's FOR UPDATE), up to the commit; the test's
    own savepoints left out."""
    statements = [query["sql"] for query in queries.captured_queries]
    locked = next(n for n, sql in enumerate(statements) if '"events_event"' in sql and "FOR UPDATE" in sql)
    return [sql for sql in statements[locked + 1 :] if not sql.startswith(("COMMIT", "RELEASE SAVEPOINT", "SAVEPOINT"))]
