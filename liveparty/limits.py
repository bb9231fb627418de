"""Rate limits shared by every server process: counts kept in Django's cache (Redis in
production, so a script cannot spread its tries over the servers), per fixed window.

A limit names what it counts (logins that failed, event codes that did not exist) and
whose it is (an address, a username); the whose is hashed into the key, so usernames
and addresses are not stored in the cache as they are. A limit that cannot be counted
(Redis away) lets the action through, logged: a party must not stop with its cache.
"""

import hashlib
import logging
import math
import time
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache

from liveparty.errors import RateLimited

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    window: timedelta
    message: str  # what the person is told, with "{wait}" for how long

    def spend(self, whose: str) -> None:
        """Count one more; RateLimited when that goes over the limit."""
        used, retry_after = self._add(whose)
        if used > self.count:
            self._refuse(retry_after)

    def refuse_if_spent(self, whose: str) -> None:
        """RateLimited if the limit is used up, without counting (a right password after
        too many wrong ones is refused all the same)."""
        key, retry_after = self._window(whose)
        try:
            used = cache.get(key) or 0
        except Exception:
            logger.warning("rate limit %s not read; letting it through", self.name, exc_info=True)
            return
        if used >= self.count:
            self._refuse(retry_after)

    def count_one(self, whose: str) -> None:
        """Count one more, refusing nothing now (a failure: the next try is refused)."""
        self._add(whose)

    def _add(self, whose: str) -> tuple[int, float]:
        key, retry_after = self._window(whose)
        timeout = math.ceil(self.window.total_seconds()) + 1
        try:
            cache.add(key, 0, timeout=timeout)
            try:
                return cache.incr(key), retry_after
            except ValueError:  # expired between the two calls: a new window
                cache.set(key, 1, timeout=timeout)
                return 1, retry_after
        except Exception:
            logger.warning("rate limit %s not counted; letting it through", self.name, exc_info=True)
            return 0, retry_after

    def _window(self, whose: str) -> tuple[str, float]:
        seconds = self.window.total_seconds()
        now = time.time()
        start = now - now % seconds
        digest = hashlib.sha256(whose.encode()).hexdigest()[:32]
        return f"limit:{self.name}:{digest}:{int(start)}", start + seconds - now

    def _refuse(self, retry_after: float) -> None:
        wait = math.ceil(retry_after)
        words = f"{wait} s" if wait < 120 else f"{math.ceil(wait / 60)} min"
        raise RateLimited(self.message.format(wait=words), retry_after=wait)
