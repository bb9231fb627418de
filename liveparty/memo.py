"""Values a process builds once and keeps: the search index, the similarity model, the
mood network and its batcher. One pattern for all of them: built under a lock (threads
asking at once build it once), rebuilt when their version moves (the catalog's version,
the model file's time), forgotten on demand (tests, a fresh build)."""

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class Memo(Generic[T]):
    def __init__(self, build: Callable[[], T]) -> None:
        self.build = build
        self.lock = threading.Lock()
        self.held: tuple[Hashable, T] | None = None

    def get(self, version: Hashable = None) -> T:
        with self.lock:
            if self.held is None or self.held[0] != version:
                self.held = (version, self.build())
            return self.held[1]

    def put(self, version: Hashable, value: T) -> None:
        with self.lock:
            self.held = (version, value)

    def forget(self) -> None:
        with self.lock:
            self.held = None
