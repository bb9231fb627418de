"""Every change a person makes to a party, with each area's part in it (Zulip's
`zerver/actions`): views, consumers, commands and tests call these, never the areas'
services for a change. An action that touches several areas calls each of them here,
in one transaction and in the order it reads; learning that needs no event lock runs
once the change has committed. No signal carries a domain effect between areas."""

from liveparty.actions.moderation import ban, mute, welcome_back
from liveparty.actions.moods import read_selfie, tell_mood
from liveparty.actions.offer import block, pick, set_rules, unblock, unpick
from liveparty.actions.party import end_event, invite_co_dj, join_event, start_event
from liveparty.actions.ratings import rate
from liveparty.actions.stack import accept, ask, cancel, deny, finish, play, queue_song, reorder, request_song

__all__ = [
    "accept",
    "ask",
    "ban",
    "block",
    "cancel",
    "deny",
    "end_event",
    "finish",
    "invite_co_dj",
    "join_event",
    "mute",
    "pick",
    "play",
    "queue_song",
    "rate",
    "read_selfie",
    "reorder",
    "request_song",
    "set_rules",
    "start_event",
    "tell_mood",
    "unblock",
    "unpick",
    "welcome_back",
]
