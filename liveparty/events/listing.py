"""The parties of an account, for its pages: the ones I host and the ones I DJ."""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When

from liveparty.accounts.models import User
from liveparty.events.models import DJMembership, Event

# Past parties listed on an account's pages; older ones stay in the admin and the API.
PAST_PARTIES = 30


@dataclass(frozen=True)
class MyParty:
    event: Event
    hosting: bool
    dj_role: str | None  # "main", "co", or None when I only host it

    @property
    def roles(self) -> str:
        """How the page names my part in it, e.g. "host, main DJ"."""
        names = ["host"] if self.hosting else []
        if self.dj_role is not None:
            names.append("main DJ" if self.dj_role == DJMembership.Role.MAIN else "co-DJ")
        return ", ".join(names)


def parties_of(user: User, *, djing_only: bool = False) -> list[MyParty]:
    """Live parties first, then the ended ones; newest first within each."""
    roles = dict(DJMembership.objects.filter(dj=user).values_list("event_id", "role"))
    mine = Q(pk__in=roles) if djing_only else Q(host=user) | Q(pk__in=roles)
    live_first = Case(When(status=Event.Status.LIVE, then=Value(0)), default=Value(1), output_field=IntegerField())
    events = list(Event.objects.filter(mine).order_by(live_first, "-started_at", "-pk"))
    live = [event for event in events if event.is_live]
    ended = [event for event in events if not event.is_live][:PAST_PARTIES]
    return [MyParty(event, event.host_id == user.pk, roles.get(event.pk)) for event in live + ended]
