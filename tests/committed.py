"""Actions as if their transaction committed: a test's own transaction never commits, so
what an action leaves to after the commit (learning, pushes) would otherwise never run."""

from collections.abc import Callable
from typing import TypeVar

from django.test import TestCase

T = TypeVar("T")


def committed(action: Callable[..., T], *args: object, **kwargs: object) -> T:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return action(*args, **kwargs)
