"""Snapshots: the `state` of docs/protocol.md for a guest, a DJ or the host, with its `seq`.

Applying every later update in order to a snapshot gives exactly the next snapshot;
tests/state_reducer.py is the reference for that rule and the tests hold the two
together. So what every viewer shares (all but `me`) is a function of the event's
`seq` and the catalog it names songs from, and a process reads it once per seq: a
reconnect storm of 250 phones at a party with a long stack read it 250 times, on the
server's one database thread, and their handshakes waited behind each other.
"""

from django.db.models import QuerySet

from liveparty.access import Role, authorise_viewer
from liveparty.accounts.services import Identity
from liveparty.catalog.search import catalog_version
from liveparty.db import consistent_read
from liveparty.events.models import DJMembership, Event
from liveparty.events.offer import offer_state
from liveparty.memo import KeptPerKey
from liveparty.mood.crowd import published_mood
from liveparty.recommend.services import suggestions_at_hand
from liveparty.song_requests.models import Rating, SongRequest, Status
from liveparty.song_requests.ordering import stack_order
from liveparty.updates.services import current_seq

# Played requests a snapshot carries, newest first: an evening's worth without a long tail.
HISTORY_LIMIT = 50

# The shared part of each event's latest snapshot, under its (seq, catalog version). The
# dicts are handed to every snapshot at that seq, so nothing may change them in place.
_shared: KeptPerKey[dict] = KeptPerKey(size=64)


def snapshot(event: Event, role: Role, identity: Identity) -> dict:
    """The snapshot message for one viewer, read in one consistent transaction."""
    with consistent_read():
        seq = current_seq(event.pk)
        event = Event.objects.select_related("host").get(pk=event.pk)
        song_requests = SongRequest.objects.with_details().filter(event=event)
        state = {**_shared_state(event, seq, song_requests), "me": _me(event, role, identity, song_requests)}
    if role == "dj":
        # Never the engine here: a slow or failing one must not hold up the console. When
        # no list is at hand, the connection asks for one and sends a `suggestions` frame.
        state["me"]["suggestions"] = suggestions_at_hand(event) or []
    return {"type": "snapshot", "seq": seq, "state": state}


def _shared_state(event: Event, seq: int, song_requests: QuerySet[SongRequest]) -> dict:
    """What every viewer's snapshot at `seq` holds but `me`: kept from an earlier snapshot
    at the same seq, else read (inside the caller's consistent read)."""
    return _shared.read_through(
        event.pk, lambda: (seq, catalog_version()), lambda: _read_shared_state(event, song_requests)
    )


def _read_shared_state(event: Event, song_requests: QuerySet[SongRequest]) -> dict:
    return {
        "event": event.public,
        "now_playing": _public(song_requests.filter(status=Status.PLAYING).first()),
        "stack": stack_order(
            [song_request.public for song_request in song_requests.filter(status=Status.PENDING)],
            fair=event.fair_order,
        ),
        "queue": [
            song_request.public for song_request in song_requests.filter(status=Status.QUEUED).order_by("position")
        ],
        "history": [
            song_request.public
            for song_request in song_requests.filter(status=Status.PLAYED).order_by("-played_at", "-pk")[:HISTORY_LIMIT]
        ],
        "crowd_mood": published_mood(event.pk),
        "offer": offer_state(event),
    }


def _public(song_request: SongRequest | None) -> dict | None:
    return song_request.public if song_request is not None else None


def _me(event: Event, role: Role, identity: Identity, song_requests: QuerySet[SongRequest]) -> dict:
    authorise_viewer(event, role, identity)
    if role == "guest":
        mine = song_requests.filter(asks__guest=identity.guest, asks__withdrawn_at__isnull=True).order_by("-pk")
        rating = Rating.objects.filter(
            guest=identity.guest, song_request__event=event, song_request__status=Status.PLAYING
        ).first()
        return {
            "guest": identity.guest.public,
            "requests": [song_request.public for song_request in mine],
            # My score for the song playing: set by the `rate` ack, cleared by `now_playing.changed`.
            "rating": rating.public if rating is not None else None,
        }
    if role == "dj":
        membership = DJMembership.objects.select_related("dj").get(event=event, dj=identity.user)
        return {"dj": membership.public, "suggestions": []}
    return {"host": identity.user.public}
