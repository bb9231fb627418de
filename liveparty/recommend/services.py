"""The recommendation engine's interface: `suggest(event, n)` and `similar(song, n)`.

Callers (the snapshot, the API, the consumers) go through these functions; the work
itself runs in `compute.py`, either here in this process or in a `runworker recommend`
process (engine.py decides). Suggestions are cached per event with Django's cache,
under a version that every change affecting them bumps once its transaction commits.
"""

from django.db import transaction

from liveparty.catalog.models import Song
from liveparty.events.models import Event
from liveparty.recommend import compute
from liveparty.recommend.compute import SUGGESTIONS
from liveparty.recommend.engine import engine
from liveparty.recommend.standing import standing_changed

# The guest page's "you might also request".
ALSO_REQUEST = 5


def suggest(event: Event, n: int = SUGGESTIONS) -> list[dict]:
    """What the DJ could play next, best first, each with its reason (EngineError when
    the engine fails)."""
    cached = compute.cached_suggestions(event.pk, n)
    if cached is not None:
        return cached
    return engine().suggest(event.pk, n)


def suggestions_at_hand(event: Event, n: int = SUGGESTIONS) -> list[dict] | None:
    """The list computed for the party as it stands, if there is one: what a snapshot
    carries without waiting on the engine (None: ask `suggest` and send it later)."""
    return compute.cached_suggestions(event.pk, n)


def similar(
    song: Song, n: int = ALSO_REQUEST, *, event: Event | None = None, guest_id: int | None = None
) -> list[dict]:
    """Tracks that go with `song`; at an event, only what is on offer and not already asked for."""
    return engine().similar(song.pk, n, event.pk if event is not None else None, guest_id)


def suggestions_changed(event_id: int, *, standing: bool = False) -> None:
    """Call inside the transaction of a change that affects the event's suggestions
    (`standing`: of its crate, blocklists, DJs or published crowd mood; standing.py):
    once it commits, the cached list is stale and the DJs get a fresh one (the engine
    invalidates it, once for all the changes of a moment: engine.Refreshes)."""

    def refresh() -> None:
        if standing:
            standing_changed(event_id)
        engine().refresh(event_id)

    transaction.on_commit(refresh, robust=True)


def model_changed() -> None:
    """Rebuild the similarity model once the current transaction commits (a party ended)."""

    def rebuild() -> None:
        engine().rebuild()

    transaction.on_commit(rebuild, robust=True)
