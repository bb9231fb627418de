"""The song-of-the-night poll's rules: it opens when the party ends; each guest has one
vote among the most requested songs and may move it until the host or a DJ closes it."""

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from liveparty import access
from liveparty.accounts.models import Guest, User
from liveparty.clock import iso
from liveparty.errors import Conflict, Invalid
from liveparty.events.models import Event
from liveparty.recap.models import Poll, Vote
from liveparty.song_requests.aggregates import most_requested

# The songs on the ballot: the top of the most requested (a longer list splits the vote).
CANDIDATES = 10


def poll_results(event: Event, guest: Guest | None = None) -> dict:
    """`status`: `not_yet` (the party is live), `open` or `closed`; the candidates in the
    order of their asks, each with its votes; the winner once closed (a tie goes to the
    more requested song); `my_vote`: the calling guest's song, if any."""
    poll = Poll.objects.filter(event=event).first()
    counts = dict(Vote.objects.filter(poll__event=event).values_list("song_id").annotate(n=Count("pk")))
    candidates = [{**row, "votes": counts.get(row["song"]["id"], 0)} for row in most_requested(event, CANDIDATES)]
    closed = poll is not None and poll.closed_at is not None
    winner = max(candidates, key=lambda row: row["votes"], default=None) if closed else None
    return {
        "status": "not_yet" if event.is_live else "closed" if closed else "open",
        "candidates": candidates,
        "votes": sum(counts.values()),
        "winner": winner["song"] if winner and winner["votes"] else None,
        "closed_at": iso(poll.closed_at) if closed else None,
        "my_vote": Vote.objects.filter(guest=guest).values_list("song_id", flat=True).first() if guest else None,
    }


def vote(guest: Guest, song_id: int) -> Vote:
    with transaction.atomic():
        poll = _locked_poll(Event.objects.get(pk=guest.event_id))
        if song_id not in {row["song"]["id"] for row in most_requested(poll.event, CANDIDATES)}:
            raise Invalid("Vote for one of the most requested songs of the night.", code="not_a_candidate")
        chosen, _ = Vote.objects.update_or_create(guest=guest, defaults={"poll": poll, "song_id": song_id})
    return chosen


def close_poll(event: Event, user: User | None) -> Poll:
    access.require_manager(event, user, "close the poll")
    with transaction.atomic():
        poll = _locked_poll(event)
        poll.closed_at, poll.closed_by = timezone.now(), user
        poll.save(update_fields=["closed_at", "closed_by"])
    return poll


def _locked_poll(event: Event) -> Poll:
    """The open poll of an ended party, locked until the transaction ends."""
    if event.is_live:
        raise Conflict("The poll opens when the party ends.", code="event_live")
    Poll.objects.get_or_create(event=event)
    poll = Poll.objects.select_for_update().select_related("event").get(event=event)
    if poll.closed_at is not None:
        raise Conflict("The poll is closed: the song of the night is chosen.", code="poll_closed")
    return poll
