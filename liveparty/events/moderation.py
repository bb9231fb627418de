"""A DJ's say over the crowd: mute a guest (they follow the party, nothing they do
counts) or ban one (shown the door, and kept out), and take either back.

A guest's standing lives on their row. Every action of a guest reads it afresh (a
connection's guest is as it was when it connected): the request path with the row lock
it takes anyway, the others with one more read. What a sanction undoes across areas
(the guest's asks, their voice in the crowd's mood) is liveparty/actions/moderation.py's.
"""

from django.db import transaction

from liveparty.access import BANNED_MESSAGE, require_dj
from liveparty.accounts.models import Guest, User
from liveparty.accounts.nicknames import lookalike_key
from liveparty.errors import Conflict, Forbidden, NotFound
from liveparty.events.models import Event
from liveparty.events.services import lock_live_event

Standing = Guest.Standing

MUTED_MESSAGE = (
    "The DJ has muted you for now: you can follow the party, but your requests, +1s, ratings and moods don't count."
)


def refuse_unless_counted(standing: str | None) -> None:
    """Refuse a guest's request, ask, rating or mood unless their standing lets it count."""
    if standing == Standing.MUTED:
        raise Forbidden(MUTED_MESSAGE, code="muted")
    if standing == Standing.BANNED:
        raise Forbidden(BANNED_MESSAGE, code="banned")


def require_counted(guest: Guest) -> None:
    refuse_unless_counted(Guest.objects.filter(pk=guest.pk).values_list("standing", flat=True).first())


def guest_named(event: Event, nickname: str) -> Guest:
    """The event's guest of that nickname (as the console shows it: nicknames are
    unique per event, lookalikes included)."""
    guest = Guest.objects.filter(event=event, nickname_key=lookalike_key(nickname)).first()
    if guest is None:
        raise NotFound(f"There is no guest called {nickname!r} at this party.")
    return guest


def set_standing(event: Event, dj: User, nickname: str, standing: Standing) -> tuple[Guest, bool]:
    """Mute, ban, or welcome back a guest; returns the guest and whether anything changed.

    The guest's row is locked before the event's, the order every guest action takes
    them in, so a sanction and the guest's own request cannot deadlock. A banned guest
    is muted only by being welcomed back first: a ban is the stronger word."""
    require_dj(event, dj)
    guest = guest_named(event, nickname)
    with transaction.atomic(savepoint=False):
        guest = Guest.objects.select_for_update(no_key=True).get(pk=guest.pk)
        lock_live_event(event.pk)
        if guest.standing == standing:
            return guest, False
        if guest.standing == Standing.BANNED and standing == Standing.MUTED:
            raise Conflict(f"{guest.nickname} is banned: welcome them back first.", code="banned")
        guest.standing = standing
        guest.save(update_fields=["standing"])
    return guest, True


def public(guest: Guest) -> dict:
    """A guest as the DJs' consoles list the sanctioned."""
    return {**guest.public, "standing": guest.standing}


def sanctioned(event: Event) -> list[Guest]:
    """The guests muted or banned at the event, by nickname."""
    return list(Guest.objects.filter(event=event).exclude(standing=Standing.WELCOME).order_by("nickname", "pk"))


def require_welcome_browser(event: Event, browser_key: str, session_guest: Guest | None) -> None:
    """A join from a browser the DJs banned (its guest in the session, or its key on a
    banned guest) is refused: a new nickname does not make a new person."""
    banned = session_guest is not None and session_guest.standing == Standing.BANNED
    if not banned and browser_key:
        banned = Guest.objects.filter(event=event, browser_key=browser_key, standing=Standing.BANNED).exists()
    if banned:
        raise Forbidden(BANNED_MESSAGE, code="banned")
