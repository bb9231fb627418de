"""Per-process fan-out: one channel-layer subscription per group per process.

The textbook design puts every consumer in the event's group, so each update costs
one layer message and one handler call per connection; at a thousand phones that is
seconds of delay, and the in-memory layer drops messages when a burst overflows a
channel. Here each server process has one channel of its own; it joins the group of
each event (and each guest) that has a connection in this process, and writes every
update it receives, encoded and framed once, straight to the local sockets
(transport.py). Updates reach Redis in the order their servers publish them, not always
in seq order: the fan-out passes them on in seq order, and reads a gap that does not
fill from the log itself, once for all its connections (see `_in_order`). The update
log repairs anything the layer loses: a connection that still sees a gap in `seq` reads
the missing updates from the database. Updates that come close together leave as one
frame (batching.py).

The same process-wide object counts the guests connected here (guests, not tabs) and
reports them for presence (liveparty/presence).
"""

import asyncio
import logging
import uuid
import weakref
from collections import Counter, defaultdict
from typing import Protocol

from autobahn.websocket.protocol import PreparedMessage
from channels.db import database_sync_to_async
from channels_redis.pubsub import RedisPubSubChannelLayer
from django.conf import settings

from consumers import batching, messages
from consumers.gc_policy import FreezeWhenSettled
from consumers.transport import prepare
from liveparty.presence import services as presence
from liveparty.updates.services import (
    DJ_NOTICE_MESSAGE,
    NOTICE_MESSAGE,
    SUGGESTIONS_MESSAGE,
    UPDATE_MESSAGE,
    current_seqs,
    event_group,
    guest_group,
    news_layer,
    updates_since,
)

logger = logging.getLogger(__name__)

PRESENCE_MESSAGE = "party.presence"
# Presence changes are batched: a rush of 500 phones is a few messages, not 500.
PRESENCE_COALESCE_S = 1.0
# A gap in seq is most often an update still on its way (two servers' changes published
# in the other order): it gets this long to arrive before the log is read.
GAP_GRACE_S = 0.05
# Retry pauses when the channel layer cannot be read.
PUMP_BACKOFF_MIN_S, PUMP_BACKOFF_MAX_S = 0.5, 10.0
# Layers forget group members not renewed within settings.CHANNEL_GROUP_EXPIRY_S: renew well before.
GROUP_RENEWALS_PER_EXPIRY = 4
# A layer can lose news without a sign: the pub/sub layer while it reconnects to Redis, a
# channel at capacity, a publish that failed. A connection hears of such a loss with the
# next update (its seq leaves a gap); the last update of a quiet spell has no next one.
# So this often the fan-out reads the seq of every event it serves, and a connection
# still short of the seq read the time before has lost something: it reads the log.
AUDIT_S = 5.0


class Subscriber(Protocol):
    """A connection as the fan-out sees it (consumers/base.py)."""

    event_id: int
    guest_id: int | None
    sees_presence: bool
    sees_suggestions: bool
    last_seq: int

    def deliver_updates(self, run: list[dict], text: str, prepared: PreparedMessage) -> None: ...

    def resync(self) -> None: ...

    def deliver(self, text: str, prepared: PreparedMessage | None = None) -> None: ...

    def dismiss(self) -> None: ...


def groups_of(subscriber: Subscriber) -> list[str]:
    groups = [event_group(subscriber.event_id)]
    if subscriber.guest_id is not None:
        groups.append(guest_group(subscriber.guest_id))
    return groups


class Fanout:
    """The fan-out of one server process (strictly: of one event loop)."""

    def __init__(self) -> None:
        self.layer = news_layer()
        self.channel = ""  # named on the first attach (_open_channel)
        self.members: dict[str, set[Subscriber]] = defaultdict(set)
        self.lock = asyncio.Lock()
        self.tasks: list[asyncio.Task] = []
        self.guests_here: Counter[int] = Counter()
        self.presence_dirty: set[int] = set()
        self.presence_flush: asyncio.Task | None = None
        self.presence_sent: dict[int, int] = {}
        # Groups this process left while the layer could not be reached.
        self.left_behind: set[str] = set()
        # Per event, while its coalescing window is open: the updates waiting for it to close.
        self.held: dict[int, list[dict]] = {}
        # Per event: the seq it passes on next, the updates that came before their turn,
        # and whether a gap is being filled (see `_in_order`).
        self.next_seq: dict[int, int] = {}
        self.early: dict[int, dict[int, dict]] = defaultdict(dict)
        self.filling: dict[int, asyncio.Task] = {}
        self.gc = FreezeWhenSettled()

    async def attach(self, subscriber: Subscriber) -> None:
        """Subscribe first: once this returns, every later update reaches the subscriber."""
        joined = set()
        async with self.lock:
            if not self.channel:
                self.channel = await self._open_channel()
            for group in groups_of(subscriber):
                if not self.members[group]:
                    joined.add(group)
                    await self.layer.group_add(group, self.channel)
                    self.left_behind.discard(group)  # back in it
                self.members[group].add(subscriber)
            if not self.tasks:
                self.tasks = [
                    asyncio.create_task(self._pump()),
                    asyncio.create_task(self._upkeep()),
                    asyncio.create_task(self._audit()),
                ]
        self.gc.connections_changed()
        if subscriber.guest_id is not None and guest_group(subscriber.guest_id) in joined:
            self.guests_here[subscriber.event_id] += 1  # a guest, not a tab: the first connection counts
            self._presence_changed(subscriber.event_id)

    async def detach(self, subscriber: Subscriber) -> None:
        self.gc.connections_changed(closed=True)
        left = set()
        async with self.lock:
            for group in groups_of(subscriber):
                members = self.members.get(group)
                if members is None:
                    continue
                members.discard(subscriber)
                if not members:
                    del self.members[group]
                    left.add(group)
                    await self._leave(group)
        if event_group(subscriber.event_id) in left:
            self._forget(subscriber.event_id)
        if subscriber.guest_id is not None and guest_group(subscriber.guest_id) in left:
            self.guests_here[subscriber.event_id] -= 1
            self._presence_changed(subscriber.event_id)

    async def _open_channel(self) -> str:
        """A plain name, read directly rather than through the layer's process-wide
        buffer, where the layer takes any name; the pub/sub layer delivers only to the
        channels it has subscribed, which its `new_channel` does."""
        if isinstance(self.layer, RedisPubSubChannelLayer):
            return await self.layer.new_channel(prefix="fanout.")
        return f"fanout.{uuid.uuid4().hex}"

    async def _leave(self, group: str) -> None:
        """Leave a group; when the layer cannot be reached (Redis restarting), try again
        at each audit, so the group does not go on sending here until it expires."""
        try:
            await self.layer.group_discard(group, self.channel)
        except Exception:
            logger.warning("fan-out could not leave %s yet; retrying", group, exc_info=True)
            self.left_behind.add(group)
        else:
            self.left_behind.discard(group)

    def connections(self, event_id: int) -> int:
        return len(self.members.get(event_group(event_id), ()))

    # Receiving

    async def _pump(self) -> None:
        backoff = 0.0
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except Exception:
                # The layer is unreachable (Redis restarting?): wait, then have every local
                # connection read what it missed from the log once news flows again.
                backoff = min(PUMP_BACKOFF_MAX_S, backoff * 2 or PUMP_BACKOFF_MIN_S)
                logger.exception("fan-out cannot receive; retrying in %.1f s", backoff)
                await asyncio.sleep(backoff)
                for subscriber in {s for members in self.members.values() for s in members}:
                    subscriber.resync()
                continue
            backoff = 0.0
            try:
                self.dispatch(message)
            except Exception:
                logger.exception("fan-out could not deliver %s", message.get("type"))

    def dispatch(self, message: dict) -> None:
        kind = message.get("type")
        if kind == UPDATE_MESSAGE:
            self._in_order(message)
        elif kind == NOTICE_MESSAGE:
            group = guest_group(message["guest_id"])
            self._deliver(group, messages.notice(message["kind"], message["data"]))
            if message.get("close"):
                for subscriber in list(self.members.get(group, ())):
                    subscriber.dismiss()
        elif kind == DJ_NOTICE_MESSAGE:
            frame = messages.notice(message["kind"], message["data"])
            self._deliver(event_group(message["event_id"]), frame, djs_only=True)
        elif kind == PRESENCE_MESSAGE:
            self._deliver(event_group(message["event_id"]), messages.presence(message["guests"]), staff_only=True)
        elif kind == SUGGESTIONS_MESSAGE:
            self._deliver(event_group(message["event_id"]), messages.suggestions(message["data"]), djs_only=True)

    # Updates in seq order

    def _in_order(self, message: dict) -> None:
        """Pass the event's updates on in seq order. One that comes before its turn waits
        GAP_GRACE_S for the missing ones; then the fan-out reads them from the log, one
        query however many connections wait here. Without this each local connection saw
        the gap and read the log itself: in a burst of requests spread over several
        servers, most of a server's work."""
        event_id, seq = message["event_id"], message["seq"]
        expected = self.next_seq.get(event_id)
        if expected is None or seq == expected:
            self._pass_on(event_id, message)
        elif seq > expected:
            self.early[event_id][seq] = message
            if event_id not in self.filling:
                self.filling[event_id] = asyncio.create_task(self._fill_gap(event_id))
        # An update before `expected` was passed on already, from the log.

    def in_step_at(self, event_id: int, seq: int) -> None:
        """A connection here took a snapshot at `seq`. The first one of an event tells the
        fan-out where the event's order starts; until then it passes on whatever comes
        first, and a connection repairs a gap itself."""
        self.next_seq.setdefault(event_id, seq + 1)

    def _pass_on(self, event_id: int, message: dict) -> None:
        """Pass on an update in its turn, then the early ones that follow it."""
        early = self.early[event_id]
        while message is not None:
            self._update(message)
            self.next_seq[event_id] = message["seq"] + 1
            message = early.pop(self.next_seq[event_id], None)

    async def _fill_gap(self, event_id: int) -> None:
        try:
            while self.early.get(event_id):
                await asyncio.sleep(GAP_GRACE_S)
                if not self.early.get(event_id) or event_id not in self.next_seq:
                    return  # filled meanwhile, or no one here follows the event any more
                try:
                    missing = await database_sync_to_async(updates_since)(event_id, self.next_seq[event_id] - 1)
                except Exception:
                    logger.exception("fan-out could not read the log of event %s", event_id)
                    missing = None
                if not missing:
                    self._pass_on_with_gap(event_id)
                    return
                for update in missing:
                    if update["seq"] >= self.next_seq.get(event_id, update["seq"] + 1):
                        self._pass_on(event_id, {**update, "type": UPDATE_MESSAGE, "event_id": event_id})
        finally:
            del self.filling[event_id]

    def _pass_on_with_gap(self, event_id: int) -> None:
        """The log cannot fill the gap (it is away, or no longer holds it): pass on what
        came, gap and all; each connection repairs its own (a fresh snapshot at worst)."""
        early = self.early.pop(event_id, {})
        for seq in sorted(early):
            self._update(early[seq])
            self.next_seq[event_id] = seq + 1

    def _forget(self, event_id: int) -> None:
        """No connection here follows the event: its order starts over when one does."""
        self.next_seq.pop(event_id, None)
        self.early.pop(event_id, None)
        self.held.pop(event_id, None)

    def _update(self, message: dict) -> None:
        """The crowd's churn waits for its window; anything else goes out at once, after
        whatever was waiting (batching.py)."""
        event_id = message["event_id"]
        held = self.held.get(event_id)
        if message["kind"] not in batching.CHURN:
            if held:
                self.held[event_id] = []
            self._send_updates(event_id, [*(held or ()), message])
        elif held is not None:
            held.append(message)
        else:
            self._send_updates(event_id, [message])
            self._open_window(event_id)

    def _open_window(self, event_id: int) -> None:
        self.held[event_id] = []
        asyncio.get_running_loop().call_later(batching.COALESCE_S, self._close_window, event_id)

    def _close_window(self, event_id: int) -> None:
        held = self.held.pop(event_id, [])
        if not held:
            return
        try:
            self._send_updates(event_id, held)
        except Exception:
            logger.exception("fan-out could not deliver %d updates of event %s", len(held), event_id)
        self._open_window(event_id)

    def flush_to(self, subscriber: Subscriber) -> None:
        """Write the event's held updates to one connection, ahead of its action's answer:
        a page sees the change it made no later than its acknowledgement. The rest of the
        crowd gets them when the window closes, so a burst of actions still reaches each
        phone ten frames a second (sent to all, each action's flush tripled them); the
        connection then writes only what follows what it has (`deliver_updates`)."""
        for run in batching.runs(self.held.get(subscriber.event_id, ())):
            text = messages.dumps(batching.frame(run))
            subscriber.deliver_updates(run, text, prepare(text))

    def _send_updates(self, event_id: int, updates: list[dict]) -> None:
        subscribers = self.members.get(event_group(event_id))
        if not subscribers:
            return
        self.gc.busy()
        for run in batching.runs(updates):
            text = messages.dumps(batching.frame(run))
            prepared = prepare(text)
            for subscriber in list(subscribers):
                subscriber.deliver_updates(run, text, prepared)

    def _deliver(self, group: str, frame: dict, *, staff_only: bool = False, djs_only: bool = False) -> None:
        subscribers = [
            s
            for s in self.members.get(group, ())
            if (s.sees_presence or not staff_only) and (s.sees_suggestions or not djs_only)
        ]
        if subscribers:
            text = messages.dumps(frame)
            prepared = prepare(text)
            for subscriber in subscribers:
                subscriber.deliver(text, prepared)

    # Presence

    def _presence_changed(self, event_id: int) -> None:
        self.presence_dirty.add(event_id)
        if self.presence_flush is None or self.presence_flush.done():
            self.presence_flush = asyncio.create_task(self._flush_presence())

    async def _flush_presence(self) -> None:
        while self.presence_dirty:
            await asyncio.sleep(PRESENCE_COALESCE_S)
            dirty, self.presence_dirty = self.presence_dirty, set()
            for event_id in dirty:
                await self._report(event_id)

    async def _report(self, event_id: int) -> None:
        """Report this process's guests and publish the total if it changed. A failure
        (the database or Redis away) is logged: the next heartbeat reports again, and the
        loops that call this must go on."""
        try:
            total = await database_sync_to_async(presence.report_and_count)(
                event_id, self.channel, max(0, self.guests_here[event_id])
            )
            if self.presence_sent.get(event_id) != total:
                await self.layer.group_send(
                    event_group(event_id), {"type": PRESENCE_MESSAGE, "event_id": event_id, "guests": total}
                )
                self.presence_sent[event_id] = total
        except Exception:
            logger.warning("fan-out could not report presence of event %s yet", event_id, exc_info=True)

    async def _upkeep(self) -> None:
        """Heartbeat the presence reports; renew group memberships before the layer forgets them."""
        since_renewal = 0.0
        heartbeat = presence.HEARTBEAT.total_seconds()
        while True:
            await asyncio.sleep(heartbeat)
            for event_id in [e for e, n in self.guests_here.items() if n > 0]:
                await self._report(event_id)
            since_renewal += heartbeat
            if since_renewal >= settings.CHANNEL_GROUP_EXPIRY_S / GROUP_RENEWALS_PER_EXPIRY:
                try:
                    await self.renew_groups()
                except Exception:
                    logger.warning("fan-out could not renew its groups yet", exc_info=True)
                else:
                    since_renewal = 0.0

    async def _audit(self) -> None:
        """Leave the groups a failed discard kept; repair what the layer lost silently (AUDIT_S)."""
        seen: dict[int, int] = {}
        while True:
            await asyncio.sleep(AUDIT_S)
            async with self.lock:
                for group in [group for group in self.left_behind if group not in self.members]:
                    await self._leave(group)
            served = {subscriber.event_id for members in self.members.values() for subscriber in members}
            for event_id in served:
                for subscriber in list(self.members.get(event_group(event_id), ())):
                    if subscriber.last_seq < seen.get(event_id, 0):
                        subscriber.resync()
            try:
                seen = await database_sync_to_async(current_seqs)(sorted(served))
            except Exception:
                logger.exception("fan-out could not read the seqs of its events")

    async def renew_groups(self) -> None:
        """Join every group again: the layer then keeps the membership another expiry period."""
        async with self.lock:
            for group in self.members:
                await self.layer.group_add(group, self.channel)


_fanouts: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Fanout]" = weakref.WeakKeyDictionary()


def fanout() -> Fanout:
    """This process's fan-out (one per event loop: tests run several loops in turn)."""
    loop = asyncio.get_running_loop()
    if loop not in _fanouts:
        _fanouts[loop] = Fanout()
    return _fanouts[loop]
