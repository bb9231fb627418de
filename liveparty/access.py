"""Who may read and do what at an event, decided here alone.

The roles: the host; the main DJ; a co-DJ; a guest of the event; anyone else. Views,
consumers and services ask these functions (never `event.host_id == user.pk` inline),
so a rule changes in one place. `can_*` and `is_*` answer; `require_*` raise the
refusal the caller hears (Forbidden, or Unauthenticated when nobody is calling).
"""

from typing import Literal

from liveparty.accounts.models import Guest, User
from liveparty.accounts.services import Identity
from liveparty.errors import Conflict, Forbidden, Unauthenticated
from liveparty.events.models import DJMembership, Event

# The pages' roles: each has its own connection and its own snapshot.
Role = Literal["guest", "dj", "host"]

BANNED_MESSAGE = "The DJ has removed you from this party."


def dj_membership(event: Event, user: User | None) -> DJMembership | None:
    if user is None:
        return None
    return DJMembership.objects.filter(event=event, dj=user).first()


def is_dj(event: Event, user: User | None) -> bool:
    return dj_membership(event, user) is not None


def is_host(event: Event, user: User | None) -> bool:
    return user is not None and event.host_id == user.pk


def is_staff(event: Event, user: User | None) -> bool:
    """The host and the DJs run the party: they see what its guests see, and more."""
    return is_host(event, user) or is_dj(event, user)


def is_guest_of(event: Event, identity: Identity) -> bool:
    return identity.guest is not None and identity.guest.event_id == event.pk


def is_participant(event: Event, identity: Identity) -> bool:
    """Its guests and its staff see what the event offers (its songs, its state)."""
    if identity.guest is not None:
        return is_guest_of(event, identity)
    return is_staff(event, identity.user)


def can_manage(event: Event, user: User | None) -> bool:
    """The host and the main DJ run the event: invite co-DJs, end it."""
    if is_host(event, user):
        return True
    membership = dj_membership(event, user)
    return membership is not None and membership.role == DJMembership.Role.MAIN


def require_dj(event: Event, user: User | None) -> DJMembership:
    membership = dj_membership(event, user)
    if membership is None:
        raise Forbidden("Only the DJs of this event can do that.")
    return membership


def require_manager(event: Event, user: User | None, doing: str) -> None:
    """`doing`: what is refused, as in "Only the host or the main DJ can {doing}."."""
    if not can_manage(event, user):
        raise Forbidden(f"Only the host or the main DJ can {doing}.")


def require_staff(event: Event, user: User | None, seeing: str) -> None:
    if not is_staff(event, user):
        raise Forbidden(f"Only the staff of this event see {seeing}.")


def refuse_banned(identity: Identity) -> None:
    """A guest the DJs banned (events/moderation.py) is no longer let in anywhere."""
    if identity.guest is not None and identity.guest.standing == Guest.Standing.BANNED:
        raise Forbidden(BANNED_MESSAGE, code="banned")


def require_participant(event: Event, identity: Identity, doing: str = "browse its songs") -> None:
    refuse_banned(identity)
    if not is_participant(event, identity):
        raise Forbidden(f"Only the guests and DJs of this event can {doing}.")


def require_guest(event: Event, identity: Identity, doing: str) -> Guest:
    """The calling guest of this event, for what only a guest does (request, send a selfie)."""
    refuse_banned(identity)
    if not is_guest_of(event, identity):
        raise Forbidden(f"Join this event as a guest to {doing}.")
    return identity.guest


def can_see_recap(event: Event, identity: Identity) -> bool:
    """A party's recap is public once it has ended; while it is live its staff watch it grow."""
    return not event.is_live or is_staff(event, identity.user)


def require_recap_viewer(event: Event, identity: Identity) -> None:
    if not can_see_recap(event, identity):
        raise Conflict("The recap is ready once the event has ended.", code="event_live")


def require_site_staff(user: User | None, seeing: str) -> None:
    """The site's staff (Django's `is_staff`) see across every party."""
    if user is None or not user.is_staff:
        raise Forbidden(f"Only the site's staff see {seeing}.")


def authorise_viewer(event: Event, role: Role, identity: Identity) -> None:
    """May this identity watch the event in this role (its page, its connection)?"""
    if identity.is_anonymous:
        raise Unauthenticated("Join the event or log in first.")
    if role == "guest":
        refuse_banned(identity)
        if not is_guest_of(event, identity):
            raise Forbidden("Join this event as a guest first.")
    elif role == "dj":
        if not is_dj(event, identity.user):
            raise Forbidden("Only the DJs of this event see the console.")
    elif not is_host(event, identity.user):
        raise Forbidden("Only the host of this event sees the host page.")
