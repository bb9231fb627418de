"""Request-stack actions: request, ask, cancel (guests); accept, deny, play, reorder,
queue a song of their own, finish the song playing (DJs).

Each action locks its event row (see `lock_live_event`), so the actions of one event
run one after another, every check sees the committed state, and the update log
numbers them in order. What does not need that order stays out of the lock: reading
the song and the offer, and a guest's limits, checked under the guest's own row lock
taken before the event's. Inside an action's transaction (liveparty/actions) a service
adds no savepoint (`savepoint=False`): a refusal rolls the whole action back, and a
savepoint is two more round trips, one of them under the lock. The database
constraints on the models stay the last word if code ever forgets.
"""

import math
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Case, Count, F, FilteredRelation, Q, QuerySet, Value, When
from django.utils import timezone

from liveparty.access import require_dj
from liveparty.accounts.models import Guest, User
from liveparty.catalog.models import Song
from liveparty.catalog.services import get_song
from liveparty.db import increment_statement, insert_statement
from liveparty.errors import Conflict, Invalid, NotFound, RateLimited
from liveparty.events.models import Event
from liveparty.events.moderation import refuse_unless_counted, require_counted
from liveparty.events.offer import Refusals, is_blocked, offer_of, require_open_for
from liveparty.events.services import lock_live_event
from liveparty.prepared import Prepared, columns
from liveparty.song_requests.models import OPEN_STATUSES, WAITING_STATUSES, Ask, Rating, SongRequest, Status
from liveparty.updates.models import Kind
from liveparty.updates.services import notify, record, record_created

# A guest's songs waiting at once: room to choose, not enough to flood the stack.
MAX_OPEN_REQUESTS = 5
# Requests and +1s per guest in a rolling window: a tap-happy phone cannot spam the DJ.
MAX_REQUESTS_PER_WINDOW = 10
REQUEST_WINDOW = timedelta(minutes=1)
# What to tell a guest at the open-request limit: a song usually leaves the queue by then.
OPEN_LIMIT_RETRY_AFTER = timedelta(minutes=3)
# A song played at this event is off the menu for this long (from when it started).
REPLAY_COOLDOWN = timedelta(minutes=60)
MIN_SCORE, MAX_SCORE = 1, 5
# Lifts queue positions out of the way while they are rewritten (they are unique per event).
_POSITION_SHELF = 1_000_000


class RecentlyPlayed(Conflict):
    """The song was played too recently to be requested again; `retry_after` in seconds."""

    def __init__(self, retry_after: timedelta) -> None:
        minutes = max(1, math.ceil(retry_after.total_seconds() / 60))
        super().__init__(
            f"That song was played recently; it can be requested again in {minutes} min.", code="recently_played"
        )
        self.retry_after = math.ceil(retry_after.total_seconds())

    def as_dict(self) -> dict:
        return {**super().as_dict(), "retry_after": self.retry_after}


# Guests


def request_song(guest: Guest, song_id: int, asker_mood: str = "") -> SongRequest:
    """Put a song on the stack, or add the guest's ask to the request already there.
    `asker_mood` is the guest's mood now (the mood area's word), kept with the ask.

    The song and the offer are read before the event's lock: every action of the event
    waits for that lock, so what needs no serialising stays out of it. (A DJ's block
    that commits in between lets this one request through, as if it came a moment
    earlier; the offer is kept per process until a change of it commits, events/offer.py.)"""
    song = get_song(song_id)
    offer_of(guest.event).require(song)
    with transaction.atomic(savepoint=False):
        now = timezone.now()
        over_limit = _hold_guest(guest, now)
        event = lock_live_event(guest.event_id)
        require_open_for(event, song)
        song_request = _open_request_for(event, song.match_key, now)
        if song_request is not None:
            if song_request.song_id == song.pk:  # not another album's copy of the song
                song_request.song = song
            return _add_ask(song_request, guest, now, asker_mood, over_limit)
        if over_limit is not None:
            raise over_limit
        song_request = SongRequest(event=event, song=song, match_key=song.match_key, ask_count=1, requested_by=guest)
        first_ask = Ask(guest=guest, asked_at=now, asker_mood=asker_mood)
        # Everything `public` reads is in hand (the song, the guest, the one ask): no re-read,
        # for the update nor for the guest's answer.
        song_request.askers = [guest.nickname]
        record_created(event.pk, Kind.REQUEST_CREATED, song_request, [first_ask], lambda: song_request.public)
        return song_request


def ask(guest: Guest, song_request_id: int, asker_mood: str = "") -> SongRequest:
    """+1 on a request that is still waiting; asking twice counts once."""
    with transaction.atomic(savepoint=False):
        now = timezone.now()
        over_limit = _hold_guest(guest, now)
        event = lock_live_event(guest.event_id)
        song_request = _waiting_song_request(event, song_request_id)
        require_open_for(event, song_request.song)
        return _add_ask(song_request, guest, now, asker_mood, over_limit)


def cancel(guest: Guest, song_request_id: int) -> SongRequest:
    """Withdraw the guest's ask; the request closes when no ask is left."""
    with transaction.atomic(savepoint=False):
        event = lock_live_event(guest.event_id)
        song_request = _waiting_song_request(event, song_request_id)
        now = timezone.now()
        withdrawn = Ask.objects.filter(song_request=song_request, guest=guest, withdrawn_at__isnull=True).update(
            withdrawn_at=now
        )
        if not withdrawn:
            raise NotFound("You have not asked for that song.")
        SongRequest.objects.filter(pk=song_request.pk).update(ask_count=F("ask_count") - 1)
        song_request.refresh_from_db()
        if song_request.ask_count > 0:
            return _record_song_request(song_request, Kind.REQUEST_CANCELLED)
        with _queue_watch(event):
            _close(event, song_request, Status.CANCELLED, now)
            return _record_song_request(song_request, Kind.REQUEST_CANCELLED)


def rate(guest: Guest, score: int) -> tuple[Rating, int | None]:
    """Score the song playing now, 1 to 5; a second rating replaces the first, whose
    score comes back beside the rating (None the first time): learning counts the change."""
    if not MIN_SCORE <= score <= MAX_SCORE:
        raise Invalid(f"A rating is a whole number from {MIN_SCORE} to {MAX_SCORE}.")
    require_counted(guest)
    with transaction.atomic(savepoint=False):
        event = lock_live_event(guest.event_id)
        playing = SongRequest.objects.filter(event=event, status=Status.PLAYING).first()
        if playing is None:
            raise Conflict("Nothing is playing right now.", code="nothing_playing")
        previous = Rating.objects.filter(song_request=playing, guest=guest).values_list("score", flat=True).first()
        rating, _ = Rating.objects.update_or_create(song_request=playing, guest=guest, defaults={"score": score})
        return rating, previous


# DJs


def accept(event: Event, dj: User, song_request_id: int) -> SongRequest:
    """Move a pending request to the end of the queue."""
    require_dj(event, dj)
    with transaction.atomic(savepoint=False):
        event = lock_live_event(event.pk)
        song_request = _song_request(event, song_request_id)
        if song_request.status != Status.PENDING:
            raise Conflict(
                f"That request is no longer on the stack: it is {song_request.status} now.", code="not_pending"
            )
        with _queue_watch(event):
            song_request.status = Status.QUEUED
            song_request.position = SongRequest.objects.filter(event=event, status=Status.QUEUED).count() + 1
            song_request.accepted_at = timezone.now()
            song_request.save(update_fields=["status", "position", "accepted_at"])
            song_request = _record_song_request(song_request, Kind.REQUEST_ACCEPTED)
            notify(_askers(song_request), "request_accepted", {"request": song_request.public})
        return song_request


def deny(event: Event, dj: User, song_request_id: int) -> SongRequest:
    """Turn down a pending or queued request."""
    require_dj(event, dj)
    with transaction.atomic(savepoint=False):
        event = lock_live_event(event.pk)
        song_request = _waiting_song_request(event, song_request_id)
        with _queue_watch(event):
            _close(event, song_request, Status.DENIED, timezone.now())
            song_request = _record_song_request(song_request, Kind.REQUEST_DENIED)
            notify(_askers(song_request), "request_denied", {"request": song_request.public})
        return song_request


def play(event: Event, dj: User, song_request_id: int, crowd_mood: str = "") -> SongRequest:
    """Make a pending or queued request now playing; the one playing goes to history.
    `crowd_mood` is the crowd's published mood now (the mood area's word), kept with it."""
    require_dj(event, dj)
    with transaction.atomic(savepoint=False):
        event = lock_live_event(event.pk)
        song_request = _waiting_song_request(event, song_request_id)
        now = timezone.now()
        previous = SongRequest.objects.filter(event=event, status=Status.PLAYING).first()
        if previous is not None:
            previous.status = Status.PLAYED
            previous.closed_at = now
            previous.save(update_fields=["status", "closed_at"])
        with _queue_watch(event):
            song_request.status = Status.PLAYING
            song_request.position = None
            song_request.played_at = now
            song_request.crowd_mood = crowd_mood
            song_request.save(update_fields=["status", "position", "played_at", "crowd_mood"])
            _renumber_queue(event)
            song_request = _fresh(song_request.pk)
            played = _fresh(previous.pk).public if previous is not None else None
            record(event.pk, Kind.NOW_PLAYING_CHANGED, {"now_playing": song_request.public, "played": played})
            notify(_askers(song_request), "request_played", {"request": song_request.public})
        return song_request


def reorder(event: Event, dj: User, song_request_id: int, position: int) -> list[SongRequest]:
    """Move a queued request to `position` (1 is next); returns the queue."""
    require_dj(event, dj)
    with transaction.atomic(savepoint=False):
        event = lock_live_event(event.pk)
        song_request = _song_request(event, song_request_id)
        if song_request.status != Status.QUEUED:
            raise Conflict("Only a song in the queue can be moved.", code="not_queued")
        order = _queue_ids(event)
        if not 1 <= position <= len(order):
            raise Invalid(f"A queue position is between 1 and {len(order)}.")
        if order.index(song_request.pk) + 1 != position:
            with _queue_watch(event):
                order.remove(song_request.pk)
                order.insert(position - 1, song_request.pk)
                _write_positions(event, order)
        return list(_queue(event))


def queue_song(event: Event, dj: User, song_id: int, position: int | None = None) -> tuple[SongRequest, bool]:
    """Put a song of the DJ's choosing (a suggestion, say) in the queue, at `position`
    (1 is next) or at the end. A song already waiting is that request: from the stack it
    is accepted, in the queue it moves; a new one is the DJ's pick, with no ask yet.
    Returns the request and whether that accepted a guest's request."""
    require_dj(event, dj)
    with transaction.atomic(savepoint=False):
        event = lock_live_event(event.pk)
        song = get_song(song_id)
        if is_blocked(event, song):
            raise Conflict("That song is blocked tonight; lift the block first.", code="blocked")
        if event.clean_only and song.explicit:
            raise Conflict("That song is explicit: turn the clean-only rule off first.", code="explicit")
        song_request = SongRequest.objects.filter(
            event=event, match_key=song.match_key, status__in=OPEN_STATUSES
        ).first()
        if song_request is not None and song_request.status == Status.PLAYING:
            raise Conflict("That song is playing right now.", code="now_playing")
        order = _queue_ids(event)
        length = len(order) if song_request is not None and song_request.status == Status.QUEUED else len(order) + 1
        if position is not None and not 1 <= position <= length:
            raise Invalid(f"A queue position is between 1 and {length}.")
        with _queue_watch(event):
            song_request, kind = _into_queue(event, dj, song, song_request, len(order) + 1)
            if position is not None:
                order = [pk for pk in _queue_ids(event) if pk != song_request.pk]
                order.insert(position - 1, song_request.pk)
                _write_positions(event, order)
            if kind is None:
                return _fresh(song_request.pk), False
            song_request = _record_song_request(song_request, kind)
            if kind == Kind.REQUEST_ACCEPTED:
                notify(_askers(song_request), "request_accepted", {"request": song_request.public})
        return song_request, kind == Kind.REQUEST_ACCEPTED


def _into_queue(
    event: Event, dj: User, song: Song, song_request: SongRequest | None, end: int
) -> tuple[SongRequest, Kind | None]:
    """Queue a new pick or a pending request at the end; with the update kind it calls for."""
    now = timezone.now()
    if song_request is None:
        pick = SongRequest.objects.create(
            event=event,
            song=song,
            match_key=song.match_key,
            picked_by=dj,
            status=Status.QUEUED,
            position=end,
            accepted_at=now,
        )
        return pick, Kind.REQUEST_CREATED
    if song_request.status == Status.PENDING:
        song_request.status, song_request.position, song_request.accepted_at = Status.QUEUED, end, now
        song_request.save(update_fields=["status", "position", "accepted_at"])
        return song_request, Kind.REQUEST_ACCEPTED
    return song_request, None


def finish(event: Event, dj: User) -> SongRequest:
    """The song playing has ended: it goes to history and nothing plays until the DJ
    plays the next one (skipping to the next is `play` on the head of the queue)."""
    require_dj(event, dj)
    with transaction.atomic(savepoint=False):
        event = lock_live_event(event.pk)
        playing = _finish_playing(event, timezone.now())
        if playing is None:
            raise Conflict("Nothing is playing right now.", code="nothing_playing")
        return playing


def _finish_playing(event: Event, now: datetime) -> SongRequest | None:
    """Send the song playing (if any) to history, recording the change."""
    playing = SongRequest.objects.filter(event=event, status=Status.PLAYING).first()
    if playing is None:
        return None
    _close(event, playing, Status.PLAYED, now)
    played = _fresh(playing.pk)
    record(event.pk, Kind.NOW_PLAYING_CHANGED, {"now_playing": None, "played": played.public})
    return played


# Event end


def close_open_song_requests(event: Event) -> None:
    """Close every open request of an ending event (locked by the caller), recording each change."""
    now = timezone.now()
    waiting = list(SongRequest.objects.filter(event=event, status__in=WAITING_STATUSES).order_by("pk"))
    for song_request in waiting:
        _close(event, song_request, Status.CANCELLED, now)
        _record_song_request(song_request, Kind.REQUEST_CANCELLED)
    _finish_playing(event, now)


# Moderation (the caller holds the event's lock)


def withdraw_asks_of(event: Event, guest: Guest) -> None:
    """A muted or banned guest's asks on waiting requests stop counting: each is
    withdrawn, and a request on the stack left with no ask closes. One in the queue
    stays: the DJ chose it, and takes it out if they like."""
    now = timezone.now()
    asked = list(
        SongRequest.objects.filter(
            event=event, status__in=WAITING_STATUSES, asks__guest=guest, asks__withdrawn_at__isnull=True
        ).order_by("pk")
    )
    if not asked:
        return
    Ask.objects.filter(song_request__in=asked, guest=guest, withdrawn_at__isnull=True).update(withdrawn_at=now)
    SongRequest.objects.filter(pk__in=[song_request.pk for song_request in asked]).update(ask_count=F("ask_count") - 1)
    for song_request in asked:
        song_request.refresh_from_db(fields=["ask_count"])
        if song_request.status == Status.PENDING and song_request.ask_count == 0:
            _close(event, song_request, Status.CANCELLED, now)
        _record_song_request(song_request, Kind.REQUEST_CANCELLED)


def deny_refused(event: Event, refused: Refusals) -> None:
    """The requests on the stack that the DJs' refusals now cover (a song or an artist
    blocked, explicit songs under the clean-only rule) are turned down, as a DJ would one
    by one, each asker told; queued ones stay, the DJ chose them."""
    pending = SongRequest.objects.select_related("song").filter(event=event, status=Status.PENDING).order_by("pk")
    now = timezone.now()
    for song_request in pending:
        if refused.refuse(song_request.match_key, song_request.song.explicit):
            _close(event, song_request, Status.DENIED, now)
            song_request = _record_song_request(song_request, Kind.REQUEST_DENIED)
            notify(_askers(song_request), "request_denied", {"request": song_request.public})


# Reading


def _queue(event: Event) -> QuerySet[SongRequest]:
    return SongRequest.objects.with_details().filter(event=event, status=Status.QUEUED).order_by("position")


def _queue_ids(event: Event) -> list[int]:
    return list(
        SongRequest.objects.filter(event=event, status=Status.QUEUED).order_by("position").values_list("pk", flat=True)
    )


def _fresh(song_request_id: int) -> SongRequest:
    return SongRequest.objects.with_details().get(pk=song_request_id)


def _song_request(event: Event, song_request_id: int) -> SongRequest:
    song_request = SongRequest.objects.select_related("song").filter(event=event, pk=song_request_id).first()
    if song_request is None:
        raise NotFound("There is no such request at this event.")
    return song_request


def _waiting_song_request(event: Event, song_request_id: int) -> SongRequest:
    song_request = _song_request(event, song_request_id)
    if song_request.status not in WAITING_STATUSES:
        raise Conflict(f"That request is already {song_request.status}.", code="request_closed")
    return song_request


def _askers(song_request: SongRequest) -> list[int]:
    return list(
        Ask.objects.filter(song_request=song_request, withdrawn_at__isnull=True).values_list("guest_id", flat=True)
    )


# Writing


def _record_song_request(song_request: SongRequest, kind: Kind) -> SongRequest:
    song_request = _fresh(song_request.pk)
    record(song_request.event_id, kind, song_request.public)
    return song_request


def _add_ask(
    song_request: SongRequest, guest: Guest, now: datetime, asker_mood: str, over_limit: RateLimited | None
) -> SongRequest:
    """`song_request` was read under the event's lock, and only actions under that lock
    change it: one query reads the names its public form shows (its asks' among them),
    and the ask, the count and the update go as one write, instead of a write each and
    a read of the whole request again."""
    rows = _names_and_asks.rows(song_request_id=song_request.pk)
    requested_by, picked_by_username, picked_by_display_name = rows[0][:3]
    song_request.requested_by_name = requested_by
    song_request.picked_by_name = picked_by_display_name or picked_by_username
    asks = [(asked_at, nickname, guest_id) for *_, guest_id, nickname, asked_at in rows if guest_id is not None]
    song_request.askers = [nickname for _, nickname, _ in asks]
    if any(guest_id == guest.pk for _, _, guest_id in asks):
        return song_request
    if over_limit is not None:
        raise over_limit
    ask = Ask(song_request=song_request, guest=guest, asked_at=now, asker_mood=asker_mood)
    song_request.ask_count += 1
    # The asks' order is (asked_at, then id); a stable sort keeps the newest id after
    # every ask made at the same time.
    asks.append((now, guest.nickname, guest.pk))
    asks.sort(key=lambda each: each[0])
    song_request.askers = [nickname for _, nickname, _ in asks]
    record(
        song_request.event_id,
        Kind.REQUEST_ASKED,
        song_request.public,
        along_with=[insert_statement(ask), increment_statement(SongRequest, song_request.pk, "ask_count")],
    )
    return song_request


def _close(event: Event, song_request: SongRequest, status: Status, now: datetime) -> None:
    song_request.status = status
    song_request.position = None
    song_request.closed_at = now
    song_request.save(update_fields=["status", "position", "closed_at"])
    _renumber_queue(event)


def _renumber_queue(event: Event) -> None:
    """Close the gap a request leaves: positions stay contiguous from 1."""
    _write_positions(event, _queue_ids(event))


def _write_positions(event: Event, order: list[int]) -> None:
    queued = SongRequest.objects.filter(event=event, status=Status.QUEUED)
    current = list(queued.order_by("position").values_list("pk", "position"))
    wanted = [(pk, index) for index, pk in enumerate(order, start=1)]
    if current == wanted:
        return
    # Two statements: a one-statement permutation trips the unique index row by row.
    queued.update(position=F("position") + _POSITION_SHELF)
    queued.update(position=Case(*(When(pk=pk, then=Value(index)) for pk, index in wanted)))


@contextmanager
def _queue_watch(event: Event) -> Iterator[None]:
    """Wraps a change that may move the queue: records `queue.changed` when positions
    moved and tells every asker of a new head of the queue "you're next".

    The update carries the queue's order, not its requests: every page already holds
    each request (it arrived with its own update), and a reorder of a long queue then
    costs every phone a few hundred bytes instead of the whole queue."""
    before = _positions(event)
    yield
    after = _positions(event)
    # Requests that stayed in the queue and moved: the others left or arrived with their own update.
    if any(before[pk] != position for pk, position in after.items() if pk in before):
        record(event.pk, Kind.QUEUE_CHANGED, {"order": sorted(after, key=after.__getitem__)})
    head = _head(after)
    if head is not None and head != _head(before):
        song_request = _fresh(head)
        notify(_askers(song_request), "you_are_next", {"request": song_request.public})


def _positions(event: Event) -> dict[int, int]:
    return dict(SongRequest.objects.filter(event=event, status=Status.QUEUED).values_list("pk", "position"))


def _head(positions: dict[int, int]) -> int | None:
    return next((pk for pk, position in positions.items() if position == 1), None)


# Limits


# The statements of a guest's request and ask, compiled once (liveparty/prepared.py):
# the request path runs under the event's lock, one request after another.
_song_requests_of_song = Prepared(
    SongRequest,
    {"event_id": int, "match_key": str, "played_since": datetime},
    lambda event_id, match_key, played_since: (
        SongRequest.objects.filter(event_id=event_id, match_key=match_key)
        .filter(Q(status__in=OPEN_STATUSES) | Q(played_at__gt=played_since))
        .values_list(*columns(SongRequest))
    ),
)
_locked_standing = Prepared(
    Guest,
    {"guest_id": int},
    lambda guest_id: Guest.objects.select_for_update(no_key=True).filter(pk=guest_id).values_list("standing"),
)
_asks_counted = Prepared(
    Ask,
    {"guest_id": int, "since": datetime},
    lambda guest_id, since: (
        Ask.objects.filter(guest_id=guest_id)
        .values("guest_id")
        .annotate(
            waiting=Count("pk", filter=Q(withdrawn_at__isnull=True, song_request__status__in=WAITING_STATUSES)),
            recent=Count("pk", filter=Q(asked_at__gt=since)),
        )
        .values_list("waiting", "recent")
    ),
)
_names_and_asks = Prepared(
    SongRequest,
    {"song_request_id": int},
    lambda song_request_id: (
        SongRequest.objects.filter(pk=song_request_id)
        .annotate(active=FilteredRelation("asks", condition=Q(asks__withdrawn_at__isnull=True)))
        .order_by("active__asked_at", "active__id")
        .values_list(
            "requested_by__nickname",
            "picked_by__username",
            "picked_by__display_name",
            "active__guest_id",
            "active__guest__nickname",
            "active__asked_at",
        )
    ),
)


def _open_request_for(event: Event, match_key: str, now: datetime) -> SongRequest | None:
    """The song's request still waiting at the event, if any; refused while the song
    plays or within REPLAY_COOLDOWN of its start. One query for both: it runs under the
    event's lock."""
    rows = _song_requests_of_song.instances(event_id=event.pk, match_key=match_key, played_since=now - REPLAY_COOLDOWN)
    open_request = next((row for row in rows if row.status in OPEN_STATUSES), None)
    if open_request is not None and open_request.status == Status.PLAYING:
        raise Conflict("That song is playing right now.", code="now_playing")
    last = max((row.played_at for row in rows if row.played_at is not None), default=None)
    if last is not None:
        raise RecentlyPlayed(last + REPLAY_COOLDOWN - now)
    return open_request


def _hold_guest(guest: Guest, now: datetime) -> RateLimited | None:
    """Lock the guest's row and say whether a new ask would break the guest's limits.

    Called before the event's lock, which every action of the event waits for: a
    guest's own actions queue here instead, so the limits hold against a script firing
    many requests at once, and the event's lock is held for less. The refusal is raised
    only where an ask would be added (asking again for a song one asked for is not
    one). FOR NO KEY UPDATE, as it does not block the rows that refer to the guest
    (a rating inserted under the event's lock), so the two locks cannot deadlock. The
    guest's standing is read with the lock: a DJ's mute, which takes the same lock
    first, is seen by every action after it."""
    standing = _locked_standing.first(guest_id=guest.pk)
    refuse_unless_counted(standing[0] if standing is not None else None)
    try:
        _check_limits(guest, now)
    except RateLimited as refusal:
        return refusal
    return None


def _check_limits(guest: Guest, now: datetime) -> None:
    """One query for both counts; the times of the recent asks only for a refusal's wait."""
    since = now - REQUEST_WINDOW
    waiting, recent = _asks_counted.first(guest_id=guest.pk, since=since) or (0, 0)
    if waiting >= MAX_OPEN_REQUESTS:
        raise RateLimited(
            f"You already have {MAX_OPEN_REQUESTS} songs waiting: withdraw one, or request more once one is played.",
            retry_after=OPEN_LIMIT_RETRY_AFTER.total_seconds(),
        )
    if recent >= MAX_REQUESTS_PER_WINDOW:
        # Free again once the oldest ask that keeps the guest at the limit leaves the window.
        wait = _ask_times(guest, since)[-MAX_REQUESTS_PER_WINDOW] + REQUEST_WINDOW - now
        raise RateLimited(
            f"That is a lot of requests at once; try again in {math.ceil(wait.total_seconds())} s.",
            retry_after=math.ceil(wait.total_seconds()),
        )


def _ask_times(guest: Guest, since: datetime) -> list[datetime]:
    return list(
        Ask.objects.filter(guest=guest, asked_at__gt=since).order_by("asked_at").values_list("asked_at", flat=True)
    )
