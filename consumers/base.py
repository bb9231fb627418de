"""What the three roles' consumers share: the handshake, the sync protocol, the dispatch.

A connection is in sync when it has written every update up to `last_seq` and
nothing after it. It gets there from a snapshot (on connect) or from the log (a gap,
or a client's `resume`), and stays there by writing each update the fan-out hands it
whose `seq` is the next one. Anything else goes to `pending` and a catch-up task
reads what is missing from the database, so a lost or reordered layer message costs
a query, never a silently wrong page.
"""

import asyncio
import logging
from typing import Any, ClassVar

from autobahn.websocket.protocol import PreparedMessage
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.db import DatabaseError

from consumers import batching, messages, replies
from consumers.fanout import GAP_GRACE_S, fanout
from consumers.transport import DaphneOutbox, QueuedOutbox, Receive, Send, outbox_for
from liveparty.access import Role, authorise_viewer
from liveparty.accounts.services import Identity, identify
from liveparty.engines import EngineError, in_thread
from liveparty.errors import DomainError, Forbidden, NotFound, RateLimited, Unauthenticated
from liveparty.events import probing
from liveparty.events.models import Event
from liveparty.events.services import get_event
from liveparty.network import scope_address
from liveparty.presence.services import guests_online
from liveparty.recommend.services import suggest
from liveparty.state.services import snapshot
from liveparty.updates.services import updates_since

logger = logging.getLogger(__name__)

# How long a console waits for the recommender, and the pauses between its tries while
# the engine fails: the console works meanwhile, its suggestions come when they can.
SUGGEST_TIMEOUT_S = 5.0
SUGGEST_RETRY_MIN_S, SUGGEST_RETRY_MAX_S = 1.0, 30.0

# Close codes of a refused handshake (docs/protocol.md): the page can tell the cases apart.
CLOSE_UNAUTHENTICATED = 4401
CLOSE_FORBIDDEN = 4403
CLOSE_NOT_FOUND = 4404
CLOSE_INTERNAL_ERROR = 1011
# As HTTP 503. (Not 1013: autobahn lets a server close only with 1000 or 3000-4999.)
CLOSE_TRY_AGAIN_LATER = 4503


class Refused(Exception):
    def __init__(self, close_code: int) -> None:
        super().__init__(close_code)
        self.close_code = close_code


class PartyConsumer(AsyncWebsocketConsumer):
    """One connection of one identity, in one role, at one event."""

    role: ClassVar[Role]
    allowed: ClassVar[frozenset[str]]  # the actions this role may send
    sees_presence: ClassVar[bool] = False
    sees_suggestions: ClassVar[bool] = False
    # No channel per connection: the fan-out subscribes once for the whole process.
    channel_layer_alias = None

    event: Event
    identity: Identity
    event_id: int
    guest_id: int | None = None
    outbox: DaphneOutbox | QueuedOutbox | None = None
    attached = False
    asking: asyncio.Task | None = None

    # Socket hooks

    async def __call__(self, scope: dict, receive: Receive, send: Send) -> None:
        """However the connection ends, even by an error that escaped a handler (daphne
        then closes it with 1011, and Channels calls no `disconnect`), the fan-out and
        presence let it go: a dead connection must not stay counted online and fed."""
        try:
            await super().__call__(scope, receive, send)
        finally:
            await self.disconnect(CLOSE_INTERNAL_ERROR)

    async def connect(self) -> None:
        """Accept, then close with a 44xx code if refused, so a browser sees why."""
        await self.accept()
        self.outbox = outbox_for(self.scope, self.base_send)
        self.last_seq = 0
        self.synced = False
        self.pending: list[dict] = []  # updates after a gap, as the layer brought them
        # Frames without seq (notices, presence, suggestions) that come before the first
        # snapshot wait for it: a connection's first frame is always its snapshot.
        self.held: list[tuple[str, PreparedMessage | None]] | None = []
        self.sync_lock = asyncio.Lock()
        try:
            self.event, self.identity = await database_sync_to_async(self.authorise)()
        except Refused as refusal:
            await self.close(code=refusal.close_code)
            return
        except DatabaseError:
            await self._try_again_later()
            return
        self.event_id = self.event.pk
        self.guest_id = self.identity.guest.pk if self.role == "guest" else None
        await fanout().attach(self)
        self.attached = True
        try:
            await self.catch_up(start_over=True)
            if self.sees_presence:
                self.write(messages.presence(await database_sync_to_async(guests_online)(self.event_id)))
        except DatabaseError:
            await self._try_again_later()  # `disconnect` lets go of the fan-out

    async def _try_again_later(self) -> None:
        """The database is away (restarting, unreachable): the page reconnects, with its
        back-off, rather than hear 1011 as if something were broken for good."""
        logger.warning("%s handshake: the database is unreachable", self.role, exc_info=True)
        await self.close(code=CLOSE_TRY_AGAIN_LATER)

    async def disconnect(self, code: int) -> None:
        """Let go of everything the connection holds; safe to call twice (see __call__)."""
        if self.attached:
            self.attached = False
            await fanout().detach(self)
        if self.asking is not None:
            self.asking.cancel()
        if self.outbox is not None:
            self.outbox.close()

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """Every message gets exactly one answer; bad input never closes the socket."""
        try:
            envelope, action = messages.parse(text_data)
        except messages.BadMessage as bad:
            self.write(messages.error(bad.ref, "invalid", bad.message))
            return
        if not self.attached:
            return
        if action.name not in self.allowed:
            self.write(messages.error(envelope.id, "forbidden", f"A {self.role} cannot {action.name}."))
            return
        if isinstance(action, messages.Resume):
            await self.resume(envelope.id, action.last_seq)
            return
        try:
            reply = await database_sync_to_async(self.answer_once)(envelope.id, action)
            if reply is None:  # a copy of a message already taken
                reply = await replies.stored(self.identity_key, envelope.id)
        except Exception:
            logger.exception("%s failed on %r", self.role, action)
            reply = messages.error(envelope.id, "internal", "Something went wrong on our side; try again.")
        fanout().flush_to(self)
        self.write(reply)

    # The handshake

    def authorise(self) -> tuple[Event, Identity]:
        # An unknown code, and a prober, get the answer a real code gets without an
        # identity: the handshake must not tell anyone which codes exist.
        address = scope_address(self.scope)
        try:
            probing.refuse_a_prober(address)
            event = get_event(self.scope["url_route"]["kwargs"]["code"])
        except RateLimited as error:
            raise Refused(CLOSE_UNAUTHENTICATED) from error
        except NotFound as error:
            probing.missed(address)
            raise Refused(CLOSE_UNAUTHENTICATED) from error
        try:
            identity = self.identify(event)
            authorise_viewer(event, self.role, identity)
        except Unauthenticated as error:
            raise Refused(CLOSE_UNAUTHENTICATED) from error
        except Forbidden as error:
            raise Refused(CLOSE_FORBIDDEN) from error
        return event, identity

    def identify(self, event: Event) -> Identity:
        authorization = dict(self.scope.get("headers", [])).get(b"authorization")
        header = authorization.decode("latin-1") if authorization is not None else None
        return identify(header, self.scope.get("user"), self.scope.get("session"), event.pk)

    @property
    def identity_key(self) -> str:
        """Whose message ids these are: one identity at one event."""
        if self.identity.guest is not None:
            return f"event:{self.event_id}:guest:{self.identity.guest.pk}"
        return f"event:{self.event_id}:user:{self.identity.user.pk}"

    # Actions: each role's consumer has a `do_<action>` that calls one service

    def answer_once(self, ref: Any, action: messages.Action) -> dict | None:
        """Claim the message's id, carry the action out and keep its answer (consumers/
        replies.py), all in one hop to the database's thread: a server's actions share that
        thread, and an answer kept in a hop of its own would wait behind every action that
        arrived with it, so a burst's acks would all come at its end. None: the id was
        claimed already."""
        if not replies.claim(self.identity_key, ref):
            return None
        try:
            reply = self.perform(ref, action)
        except BaseException:
            replies.forget(self.identity_key, ref)
            raise
        replies.keep(self.identity_key, ref, reply)
        return reply

    def perform(self, ref: Any, action: messages.Action) -> dict:
        handler = getattr(self, f"do_{action.name}")
        try:
            data = handler(action)
        except DomainError as refusal:
            return messages.domain_error(ref, refusal)
        return messages.ack(ref, data)

    # Sync

    def deliver_updates(self, run: list[dict], text: str, prepared: PreparedMessage) -> None:
        """Called by the fan-out for each unbroken run of this event's updates (one frame,
        `text`), in arrival order. A run may start with updates this connection wrote
        already (it had them ahead of the crowd, with its own action's answer): then
        only the rest goes out, as a frame of its own."""
        first, last = run[0]["seq"], run[-1]["seq"]
        if self.synced and first <= self.last_seq + 1 <= last:
            if first == self.last_seq + 1:
                self.outbox.write(text, prepared)
            else:
                self._write_run([update for update in run if update["seq"] > self.last_seq])
            self.last_seq = last
        elif last > self.last_seq:
            self.pending.extend(run)
            if self.synced:
                self.synced = False
                self.catching_up = asyncio.create_task(self.catch_up(after_gap=True))

    def resync(self) -> None:
        """Called by the fan-out when its subscription may have missed updates: read
        whatever the log holds after `last_seq` (no gap may have shown yet)."""
        if self.synced:
            self.synced = False
            self.catching_up = asyncio.create_task(self.catch_up(replay_from=self.last_seq))

    def deliver(self, text: str, prepared: PreparedMessage | None = None) -> None:
        """Called by the fan-out for frames without seq (notices, presence, suggestions)."""
        if self.held is not None:
            self.held.append((text, prepared))
            return
        self.outbox.write(text, prepared)

    def dismiss(self) -> None:
        """Called by the fan-out once a notice that ends the connection (a ban) is written."""
        self.dismissing = asyncio.create_task(self._close_after_writes())

    async def _close_after_writes(self) -> None:
        await self.outbox.drained()
        await self.close(code=CLOSE_FORBIDDEN)

    def write(self, frame: dict) -> None:
        self.outbox.write(messages.dumps(frame))

    async def catch_up(
        self, *, start_over: bool = False, replay_from: int | None = None, after_gap: bool = False
    ) -> dict:
        """Bring the connection in sync and say how: from a snapshot (on connect, or when
        the log no longer holds what is missing), from `replay_from` (a client's resume:
        every update after it is sent, even ones this connection sent before, since the
        client skips any seq it has applied), then the pending updates, reading gaps
        from the log (`after_gap`: once GAP_GRACE_S has given the missing ones their
        chance to arrive)."""
        if after_gap:
            await asyncio.sleep(GAP_GRACE_S)
        async with self.sync_lock:
            self.synced = False
            replayed = 0
            if replay_from is not None:
                missing = await database_sync_to_async(updates_since)(self.event_id, replay_from)
                if missing is None:
                    start_over = True
                for update in missing or ():
                    self.write(update)
                    self.last_seq = max(self.last_seq, update["seq"])
                    replayed += 1
            snapshot_sent = start_over
            while True:
                if start_over:
                    frame = await database_sync_to_async(snapshot)(self.event, self.role, self.identity)
                    self.write(frame)
                    self.last_seq = frame["seq"]
                    fanout().in_step_at(self.event_id, self.last_seq)
                    start_over = False
                    self._release_held()
                    if self.sees_suggestions and not frame["state"]["me"]["suggestions"]:
                        self.follow_with_suggestions()
                self._write_pending()
                if not self.pending:
                    self.synced = True
                    return {"snapshot": snapshot_sent, "replayed": replayed, "seq": self.last_seq}
                missing = await database_sync_to_async(updates_since)(self.event_id, self.last_seq)
                if not missing:
                    start_over = snapshot_sent = True  # the log cannot fill the gap
                self._write_run(missing or [])

    def _release_held(self) -> None:
        held, self.held = self.held or [], None
        for text, prepared in held:
            self.outbox.write(text, prepared)

    def _write_pending(self) -> None:
        """Write the pending updates that follow on, as one frame; keep the ones after a gap."""
        cut = batching.runs(update for update in self.pending if update["seq"] > self.last_seq)
        if cut and cut[0][0]["seq"] == self.last_seq + 1:
            self._write_run(cut.pop(0))
        self.pending = [update for run in cut for update in run]

    def _write_run(self, run: list[dict]) -> None:
        """Updates that follow on from `last_seq`, unbroken, as one frame (batching.py)."""
        if run:
            self.write(batching.frame(run))
            self.last_seq = run[-1]["seq"]

    # Suggestions

    def follow_with_suggestions(self) -> None:
        """Ask the recommender for the list a snapshot went without; one ask at a time."""
        if self.asking is None or self.asking.done():
            self.asking = asyncio.create_task(self._ask_for_suggestions())

    async def _ask_for_suggestions(self) -> None:
        pause = SUGGEST_RETRY_MIN_S
        while self.attached:
            try:
                items = await in_thread(suggest, self.event, timeout=SUGGEST_TIMEOUT_S)
            except EngineError as failure:
                logger.warning("no suggestions for event %s yet: %s", self.event_id, failure)
                if failure.permanent:
                    return
                await asyncio.sleep(pause)
                pause = min(2 * pause, SUGGEST_RETRY_MAX_S)
                continue
            if self.attached:
                self.write(messages.suggestions(items))
            return

    async def resume(self, ref: Any, last_seq: int) -> None:
        """The client holds the state at `last_seq`: send what came after, then the ack."""
        self.write(messages.ack(ref, await self.catch_up(replay_from=last_seq)))
