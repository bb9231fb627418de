"""Values a process builds once and keeps: the search index, the similarity model, the
mood network and its batcher. One pattern for all of them: built under a lock (threads
asking at once build it once), rebuilt when their version moves (the catalog's version,
the model file's time), forgotten on demand (tests, a fresh build). `KeptPerKey` is the
same for values per event: the offers, the shared part of snapshots."""

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")

logger = logging.getLogger(__name__)


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


class KeptPerKey(Generic[T]):
    """The values a process read lately, each under the version it was read at, the
    `size` used last at most: a value is good while its version is the caller's."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.lock = threading.Lock()
        self.kept: OrderedDict[Hashable, tuple[Hashable, T]] = OrderedDict()

    def get(self, key: Hashable, version: Hashable) -> T | None:
        with self.lock:
            held = self.kept.get(key)
            if held is None or held[0] != version:
                return None
            self.kept.move_to_end(key)
            return held[1]

    def put(self, key: Hashable, version: Hashable, value: T) -> None:
        with self.lock:
            self.kept[key] = (version, value)
            self.kept.move_to_end(key)
            while len(self.kept) > self.size:
                self.kept.popitem(last=False)

    def read_through(self, key: Hashable, version: Callable[[], Hashable], read: Callable[[], T]) -> T:
        """The value kept under the version `version()` says is current, else `read()`,
        kept under it. When the version cannot be had (Redis away), `read()`, kept not."""
        try:
            current = version()
        except Exception:
            logger.warning("no version to keep %s under; read afresh", key, exc_info=True)
            return read()
        value = self.get(key, current)
        if value is None:
            value = read()
            self.put(key, current, value)
        return value
