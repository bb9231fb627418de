"""Guest identities kept in a browser's Django session, one per event.

A browser that joins an event gets its guest remembered here as well as a token,
so a reload or a restored tab is the same guest without the page storing secrets.
"""

from collections.abc import MutableMapping

from liveparty.accounts.models import Guest

SESSION_KEY = "liveparty_guests"


def remember_guest(session: MutableMapping, guest: Guest) -> None:
    guests = dict(session.get(SESSION_KEY, {}))
    guests[str(guest.event_id)] = guest.pk
    session[SESSION_KEY] = guests


def session_guest(session: MutableMapping, event_id: int) -> Guest | None:
    guest_id = session.get(SESSION_KEY, {}).get(str(event_id))
    if guest_id is None:
        return None
    return Guest.objects.filter(pk=guest_id, event_id=event_id).first()
