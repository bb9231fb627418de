"""What the event offers tonight, as every page sees it: the `offer` of the snapshot and
its `offer.changed` update, recorded by each change of the crate or the blocklists so
that open pages search again and drop what is no longer on offer."""

from liveparty.events.models import CratePick, Event
from liveparty.updates.models import Kind
from liveparty.updates.services import record

# Picks that narrow the catalog; songs added on the fly come on top of them.
NARROWING = (CratePick.Kind.PLAYLIST, CratePick.Kind.GENRE)


def whole_catalog(event: Event) -> bool:
    return not CratePick.objects.filter(event=event, kind__in=NARROWING).exists()


def offer_state(event: Event) -> dict:
    """What a page needs to explain an empty search: whether the DJ picked tonight's songs."""
    return {"whole_catalog": whole_catalog(event)}


def offer_changed(event: Event) -> None:
    """Record the change, inside the transaction that made it."""
    record(event.pk, Kind.OFFER_CHANGED, offer_state(event))
