"""A DJ mutes, bans or welcomes back a guest. A sanction reads top to bottom: the
guest's standing changes (liveparty/events/moderation.py); their asks on waiting
requests are withdrawn, each change recorded (the stack's part); their voice leaves
the crowd's mood (the mood area's); the suggestions follow; the guest hears of it
(a banned guest's connections are then closed) and so do the DJs' consoles."""

from django.db import transaction

from liveparty.accounts.models import Guest, User
from liveparty.events import moderation
from liveparty.events.models import Event
from liveparty.mood.crowd import publish_after_standing_change
from liveparty.recommend.services import suggestions_changed
from liveparty.song_requests import services as stack
from liveparty.updates.services import notify, notify_djs

Standing = Guest.Standing

# What the guest hears, by their new standing.
NOTICES = {Standing.MUTED: "muted", Standing.BANNED: "banned", Standing.WELCOME: "welcomed_back"}


def mute(event: Event, dj: User, nickname: str) -> Guest:
    return _set_standing(event, dj, nickname, Standing.MUTED)


def ban(event: Event, dj: User, nickname: str) -> Guest:
    return _set_standing(event, dj, nickname, Standing.BANNED)


def welcome_back(event: Event, dj: User, nickname: str) -> Guest:
    """Lift a mute or a ban: what the guest does counts again (what was withdrawn stays so)."""
    return _set_standing(event, dj, nickname, Standing.WELCOME)


def _set_standing(event: Event, dj: User, nickname: str, standing: Standing) -> Guest:
    with transaction.atomic():
        guest, changed = moderation.set_standing(event, dj, nickname, standing)
        if not changed:
            return guest
        if standing != Standing.WELCOME:
            stack.withdraw_asks_of(event, guest)
        mood_moved = publish_after_standing_change(event.pk, guest.pk) is not None
        suggestions_changed(event.pk, standing=mood_moved)
        notify([guest.pk], NOTICES[standing], {}, then_close=standing == Standing.BANNED)
        notify_djs(event.pk, "guests_changed", {"guest": moderation.public(guest)})
    return guest
