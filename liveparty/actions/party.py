"""A party's life: it starts, guests and co-DJs join, it ends. Ending reads top to
bottom: the open requests close (each change recorded), the event is marked ended, and
once that commits the recommender learns the night's sessions (a model rebuild)."""

from django.db import transaction

from liveparty.access import require_manager
from liveparty.accounts.models import Guest, User
from liveparty.events import services as events
from liveparty.events.models import DJMembership, Event
from liveparty.recommend.services import model_changed, suggestions_changed
from liveparty.song_requests.services import close_open_song_requests


def start_event(host: User, name: str, main_dj_username: str | None = None) -> Event:
    return events.start_event(host, name, main_dj_username)


def join_event(event: Event, nickname: str, browser_key: str = "") -> tuple[Guest, str]:
    return events.join_event(event, nickname, browser_key)


def invite_co_dj(event: Event, actor: User, username: str) -> DJMembership:
    """A new DJ brings their own blocklist: the suggestions stand on new ground."""
    with transaction.atomic():
        membership = events.invite_co_dj(event, actor, username)
        suggestions_changed(event.pk, standing=True)
    return membership


def end_event(event: Event, actor: User) -> Event:
    require_manager(event, actor, "end the event")
    with transaction.atomic():
        event = events.lock_live_event(event.pk)
        close_open_song_requests(event)
        event = events.mark_ended(event)
        model_changed()
    return event
