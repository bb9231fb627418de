"""Run a function in many real threads released at the same instant."""

import threading
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection

# A stuck thread must fail the test, not hang the suite.
JOIN_TIMEOUT_S = 120


def run_together(func: Callable[..., Any], calls: Sequence[tuple]) -> list[Any]:
    """Call `func(*args)` for each args tuple, all threads starting together.

    Returns each call's result or the exception it raised, in call order. Each thread
    closes its own database connection so the test database can be dropped.
    """
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def worker(index: int, args: tuple) -> None:
        try:
            barrier.wait()
            results[index] = func(*args)
        except Exception as error:  # reported to the test, which asserts on it
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i, args)) for i, args in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT_S)
        assert not thread.is_alive(), "a thread did not finish in time"
    return results
