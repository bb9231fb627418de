"""Event lifecycle: start, invite a co-DJ, join as a guest, end."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from liveparty.access import require_manager
from liveparty.accounts.models import Guest, User
from liveparty.accounts.nicknames import clean_nickname, lookalike_key
from liveparty.accounts.tokens import GUEST_PREFIX, new_token
from liveparty.errors import Conflict, EventEnded, Invalid, NotFound
from liveparty.events.codes import new_code, normalise_code
from liveparty.events.models import DJMembership, Event
from liveparty.events.offer import offer_may_have_changed
from liveparty.prepared import Prepared, columns
from liveparty.updates.models import Kind
from liveparty.updates.services import open_stream, record

EVENT_NAME_MAX_LENGTH = Event._meta.get_field("name").max_length
NICKNAME_MAX_LENGTH = Guest._meta.get_field("nickname").max_length
# A fresh code collides with a live one about once in 10^6 starts; a few tries make it certain.
CODE_ATTEMPTS = 5


# Every call of the API and every handshake finds its event by code: compiled once
# (liveparty/prepared.py). Its host is read when asked for (`public`), which few callers do.
_event_by_code = Prepared(
    Event, {"code": str}, lambda code: Event.objects.filter(code=code).values_list(*columns(Event))
)


def get_event(code: str) -> Event:
    events = _event_by_code.instances(code=normalise_code(code))
    if not events:
        raise NotFound("There is no event with that code.")
    return events[0]


def get_account(username: str) -> User:
    user = User.objects.filter(username=username.strip(), is_active=True).first()
    if user is None:
        raise NotFound(f"There is no account called {username.strip()!r}.")
    return user


# Every action of every party starts here: compiled once (liveparty/prepared.py).
_locked_event = Prepared(
    Event,
    {"event_id": int},
    lambda event_id: Event.objects.select_for_update().filter(pk=event_id).values_list(*columns(Event)),
)


def lock_live_event(event_id: int) -> Event:
    """Lock the event row for the rest of the transaction; every change to one event
    queues here, so each action sees the state the previous one committed."""
    events = _locked_event.instances(event_id=event_id)
    if not events:
        raise Event.DoesNotExist(f"No event {event_id}.")
    if not events[0].is_live:
        raise EventEnded()
    return events[0]


def _dj_busy(dj: User) -> Conflict:
    return Conflict(f"{dj.display_name or dj.username} is already DJing another live event.", code="dj_busy")


def start_event(host: User, name: str, main_dj_username: str | None = None) -> Event:
    """Start a live event with its main DJ (the host by default)."""
    name = " ".join(name.split())
    if not name:
        raise Invalid("Give the event a name.")
    if len(name) > EVENT_NAME_MAX_LENGTH:
        raise Invalid(f"An event name has at most {EVENT_NAME_MAX_LENGTH} characters.")
    main_dj = host if main_dj_username is None else get_account(main_dj_username)
    for _ in range(CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                event = Event.objects.create(code=new_code(), name=name, host=host)
                DJMembership.objects.create(event=event, dj=main_dj, role=DJMembership.Role.MAIN)
                open_stream(event.pk)
        except IntegrityError as error:
            # The partial unique index decides races between concurrent starts.
            if DJMembership.objects.filter(dj=main_dj, live=True).exists():
                raise _dj_busy(main_dj) from error
            continue
        return event
    raise RuntimeError("could not draw a free event code")


def invite_co_dj(event: Event, actor: User, username: str) -> DJMembership:
    """Add a co-DJ; only the host or the main DJ may."""
    require_manager(event, actor, "invite co-DJs")
    dj = get_account(username)
    try:
        with transaction.atomic():
            lock_live_event(event.pk)
            if DJMembership.objects.filter(event=event, dj=dj).exists():
                raise Conflict(f"{dj.username} is already a DJ of this event.", code="already_dj")
            membership = DJMembership.objects.create(event=event, dj=dj, role=DJMembership.Role.CO)
            record(event.pk, Kind.DJ_JOINED, membership.public)
            offer_may_have_changed(event.pk)  # the co-DJ's own blocklist applies here now
    except IntegrityError as error:
        raise _dj_busy(dj) from error
    return membership


def mark_ended(event: Event) -> Event:
    """The last step of ending a party (liveparty/actions/party.py), with the event locked:
    nothing is deleted, and later actions get `event_ended`."""
    event.status = Event.Status.ENDED
    event.ended_at = timezone.now()
    event.save(update_fields=["status", "ended_at"])
    DJMembership.objects.filter(event=event).update(live=False)
    record(event.pk, Kind.EVENT_ENDED, event.public)
    return event


def join_event(event: Event, nickname: str, browser_key: str = "") -> tuple[Guest, str]:
    """Make a guest identity at a live event; the token is shown only now. `browser_key`
    (events/admission.py) is kept with the guest, so that a ban keeps the browser out."""
    nickname = clean_nickname(nickname)
    if not nickname:
        raise Invalid("Pick a nickname.")
    if len(nickname) > NICKNAME_MAX_LENGTH:
        raise Invalid(f"A nickname has at most {NICKNAME_MAX_LENGTH} characters.")
    token, token_hash = new_token(GUEST_PREFIX)
    try:
        with transaction.atomic():
            lock_live_event(event.pk)
            guest = Guest.objects.create(
                event=event,
                nickname=nickname,
                nickname_key=lookalike_key(nickname),
                token_hash=token_hash,
                browser_key=browser_key,
            )
    except IntegrityError as error:
        raise Conflict(
            f"Someone at this party is already called {nickname!r}, or a name that looks just like it; "
            "pick another nickname.",
            code="nickname_taken",
        ) from error
    return guest, token
