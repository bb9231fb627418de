"""The DJs' rules for tonight's requests, each a switch on the event's row: requests
paused (guests wait; withdrawing still works), clean only (explicit songs are off the
offer) and fair order (the stack takes guests in turn instead of by raw asks, so a
big party's loudest friends cannot fill the top of it).

A change is recorded as `offer.changed` (the rules are part of the snapshot's `offer`):
every page re-reads what it may request, and re-sorts the stack by the new order.
"""

from django.db import transaction

from liveparty.access import require_dj
from liveparty.accounts.models import User
from liveparty.events.models import Event
from liveparty.events.offer import offer_changed
from liveparty.events.services import lock_live_event

RULES = ("requests_paused", "clean_only", "fair_order")


def set_rules(event: Event, dj: User, changes: dict[str, bool]) -> tuple[Event, list[str]]:
    """Set the rules named in `changes`; returns the event and the rules that changed
    (none when each was so already: nothing is recorded)."""
    require_dj(event, dj)
    unknown = set(changes) - set(RULES)
    if unknown:
        raise ValueError(f"not a rule: {sorted(unknown)}")
    with transaction.atomic(savepoint=False):
        event = lock_live_event(event.pk)
        changed = [rule for rule in RULES if rule in changes and getattr(event, rule) != changes[rule]]
        if changed:
            for rule in changed:
                setattr(event, rule, changes[rule])
            event.save(update_fields=changed)
            offer_changed(event)
    return event, changed
