"""The only code that appends to the update log and publishes to the channel layer."""

from collections.abc import Iterable
from functools import partial

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction
from django.db.models import F

from liveparty.updates.models import Kind, Stream, Update

# Channel-layer message types: the consumer handler names (`party_update`, `party_notice`).
UPDATE_MESSAGE = "party.update"
NOTICE_MESSAGE = "party.notice"


def event_group(event_id: int) -> str:
    return f"event.{event_id}"


def guest_group(guest_id: int) -> str:
    return f"guest.{guest_id}"


def open_stream(event_id: int) -> None:
    """Start an event's log at seq 0; called once, when the event starts."""
    Stream.objects.create(event_id=event_id)


def current_seq(event_id: int) -> int:
    return Stream.objects.values_list("last_seq", flat=True).get(event_id=event_id)


def record(event_id: int, kind: Kind, data: dict) -> int:
    """Append an update in the caller's transaction and publish it once that commits."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("record() must run inside the transaction of the change it records")
    Stream.objects.filter(event_id=event_id).update(last_seq=F("last_seq") + 1)
    seq = current_seq(event_id)
    Update.objects.create(event_id=event_id, seq=seq, kind=kind, data=data)
    message = {"type": UPDATE_MESSAGE, "event_id": event_id, "seq": seq, "kind": str(kind), "data": data}
    transaction.on_commit(partial(_publish, event_group(event_id), message), robust=True)
    return seq


def notify(guest_ids: Iterable[int], kind: str, data: dict) -> None:
    """Send a personal notice (no seq) to each guest's connections once the change commits."""
    for guest_id in sorted(set(guest_ids)):
        message = {"type": NOTICE_MESSAGE, "kind": kind, "data": data}
        transaction.on_commit(partial(_publish, guest_group(guest_id), message), robust=True)


def _publish(group: str, message: dict) -> None:
    """At-most-once news: a failure here loses nothing, clients catch up from the log."""
    async_to_sync(get_channel_layer().group_send)(group, message)
