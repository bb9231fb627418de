"""Snapshots: the `state` of PROTOCOL.md for a guest, a DJ or the host, with its `seq`.

Applying every later update in order to a snapshot gives exactly the next snapshot;
tests/state_reducer.py is the reference for that rule and the tests hold the two
together.
"""

from typing import Literal

from django.db.models import QuerySet

from liveparty.accounts.services import Identity
from liveparty.db import consistent_read
from liveparty.errors import Forbidden
from liveparty.events.models import DJMembership, Event
from liveparty.requests.models import SongRequest, Status
from liveparty.updates.services import current_seq

Role = Literal["guest", "dj", "host"]

# Played entries a snapshot carries, newest first: an evening's worth without a long tail.
HISTORY_LIMIT = 50


def snapshot(event: Event, role: Role, identity: Identity) -> dict:
    """The snapshot message for one viewer, read in one consistent transaction."""
    with consistent_read():
        seq = current_seq(event.pk)
        event = Event.objects.select_related("host").get(pk=event.pk)
        entries = SongRequest.objects.with_details().filter(event=event)
        state = {
            "event": event.public,
            "now_playing": _public(entries.filter(status=Status.PLAYING).first()),
            "stack": [
                entry.public for entry in entries.filter(status=Status.PENDING).order_by("-asks", "created_at", "pk")
            ],
            "queue": [entry.public for entry in entries.filter(status=Status.QUEUED).order_by("position")],
            "history": [
                entry.public
                for entry in entries.filter(status=Status.PLAYED).order_by("-played_at", "-pk")[:HISTORY_LIMIT]
            ],
            "crowd_mood": None,
            "me": _me(event, role, identity, entries),
        }
    return {"type": "snapshot", "seq": seq, "state": state}


def _public(entry: SongRequest | None) -> dict | None:
    return entry.public if entry is not None else None


def _me(event: Event, role: Role, identity: Identity, entries: QuerySet[SongRequest]) -> dict:
    if role == "guest":
        guest = identity.guest
        if guest is None or guest.event_id != event.pk:
            raise Forbidden("Join this event as a guest first.")
        mine = entries.filter(ask_records__guest=guest, ask_records__withdrawn_at__isnull=True).order_by("-pk")
        return {"guest": guest.public, "requests": [entry.public for entry in mine]}
    if role == "dj":
        membership = DJMembership.objects.select_related("dj").filter(event=event, dj=identity.user).first()
        if identity.user is None or membership is None:
            raise Forbidden("Only the DJs of this event see the console.")
        return {"dj": membership.public, "suggestions": []}
    if identity.user is None or identity.user.pk != event.host_id:
        raise Forbidden("Only the host of this event sees the host page.")
    return {"host": identity.user.public}
