"""Every action, set in a party that makes it interesting, for the state-equivalence tests.

A scenario sets the scene with services, then returns who acts, what they send (a
WebSocket message, or a callable for actions that are not WebSocket messages, like
inviting a co-DJ over HTTP) and how many updates the action must record.
"""

from collections.abc import Callable
from dataclasses import dataclass

from liveparty import actions
from liveparty.accounts.models import Guest, User
from liveparty.accounts.services import Identity
from liveparty.actions import end_event, invite_co_dj, tell_mood
from liveparty.catalog.models import Playlist, PlaylistTrack, Song
from liveparty.events.models import Event

VIEWERS = ("gina", "gus", "dj", "co_dj", "host")


@dataclass
class Party:
    """Hana hosts, Dave is the main DJ and Carla his co-DJ; Gina, Gus and Greta are guests;
    Otto is the account a scenario may invite."""

    event: Event
    host: User
    dj: User
    co_dj: User
    newcomer: User
    gina: Guest
    gus: Guest
    greta: Guest
    songs: list[Song]

    @classmethod
    def make(cls, event: Event, host: User, dj: User, co_dj: User, newcomer: User, *people: object) -> "Party":
        invite_co_dj(event, dj, co_dj.username)
        return cls(event, host, dj, co_dj, newcomer, *people)

    def request(self, guest: Guest, index: int) -> int:
        return actions.request_song(guest, self.songs[index].pk).pk

    def queued(self, *indexes: int) -> list[int]:
        ids = [self.request(self.gus, index) for index in indexes]
        for song_request_id in ids:
            actions.accept(self.event, self.dj, song_request_id)
        return ids

    def role_and_identity(self, viewer: str) -> tuple[str, Identity]:
        if viewer in ("gina", "gus"):
            return "guest", Identity(guest=getattr(self, viewer))
        return "dj" if viewer == "co_dj" else viewer, Identity(user=getattr(self, viewer))


Message = dict | Callable[[], object]
Scenario = Callable[[Party], tuple[str, Message, int]]


def perform_with_services(party: Party, actor: str, message: Message) -> None:
    """What the consumers do for each message, called directly."""
    if callable(message):
        message()
        return
    action = message["action"]
    if actor in ("gina", "gus"):
        guest = getattr(party, actor)
        if action == "request":
            actions.request_song(guest, message["song_id"])
        elif action == "mood":
            tell_mood(guest, message["mood"])
        else:
            getattr(actions, action)(guest, message["request_id"])
    elif action == "end":
        end_event(party.event, getattr(party, actor))
    elif action == "reorder":
        actions.reorder(party.event, party.dj, message["request_id"], message["position"])
    elif action == "queue":
        actions.queue_song(party.event, getattr(party, actor), message["song_id"], message.get("position"))
    elif action == "finish":
        actions.finish(party.event, getattr(party, actor))
    elif action == "rules":
        rules = {rule: message[rule] for rule in ("requests_paused", "clean_only", "fair_order") if rule in message}
        actions.set_rules(party.event, getattr(party, actor), rules)
    elif action in ("mute", "ban", "welcome_back"):
        getattr(actions, action)(party.event, getattr(party, actor), message["nickname"])
    else:
        getattr(actions, action)(party.event, party.dj, message["request_id"])


def request_new(p: Party):
    return "gina", {"action": "request", "song_id": p.songs[0].pk}, 1


def request_existing(p: Party):
    p.request(p.gus, 0)
    return "gina", {"action": "request", "song_id": p.songs[0].pk}, 1


def ask(p: Party):
    return "gina", {"action": "ask", "request_id": p.request(p.gus, 0)}, 1


def ask_moves_up_the_stack(p: Party):
    p.request(p.gus, 0)
    return "gina", {"action": "ask", "request_id": p.request(p.greta, 1)}, 1


def cancel_with_others_left(p: Party):
    song_request = p.request(p.gina, 0)
    actions.ask(p.gus, song_request)
    return "gina", {"action": "cancel", "request_id": song_request}, 1


def cancel_last_ask(p: Party):
    return "gina", {"action": "cancel", "request_id": p.request(p.gina, 0)}, 1


def cancel_head_of_queue(p: Party):
    first, _second = p.queued(0, 1)
    actions.ask(p.gina, first)
    actions.cancel(p.gus, first)
    return "gina", {"action": "cancel", "request_id": first}, 2


def accept(p: Party):
    p.queued(1)
    return "dj", {"action": "accept", "request_id": p.request(p.gina, 0)}, 1


def deny_pending(p: Party):
    return "dj", {"action": "deny", "request_id": p.request(p.gina, 0)}, 1


def deny_queued(p: Party):
    first, _ = p.queued(0, 1)
    actions.ask(p.gina, first)
    return "dj", {"action": "deny", "request_id": first}, 2


def play_from_stack(p: Party):
    return "dj", {"action": "play", "request_id": p.request(p.gina, 0)}, 1


def play_head_of_queue(p: Party):
    actions.play(p.event, p.dj, p.request(p.gina, 3))
    first, _, _ = p.queued(0, 1, 2)
    actions.ask(p.gina, first)
    return "dj", {"action": "play", "request_id": first}, 2


def play_after_a_rating(p: Party):
    actions.play(p.event, p.dj, p.request(p.gina, 3))
    actions.rate(p.gina, 4)
    return "dj", {"action": "play", "request_id": p.request(p.gus, 1)}, 1


def reorder(p: Party):
    _, _, last = p.queued(0, 1, 2)
    actions.ask(p.gina, last)
    return "dj", {"action": "reorder", "request_id": last, "position": 1}, 1


def queue_a_suggestion(p: Party):
    p.queued(0)
    return "dj", {"action": "queue", "song_id": p.songs[5].pk}, 1


def play_a_suggestion_next(p: Party):
    first, _ = p.queued(0, 1)
    actions.ask(p.gina, first)
    return "co_dj", {"action": "queue", "song_id": p.songs[5].pk, "position": 1}, 2


def queue_a_request_from_the_stack_next(p: Party):
    p.queued(1)
    p.request(p.gina, 0)
    return "dj", {"action": "queue", "song_id": p.songs[0].pk, "position": 1}, 2


def finish_the_song(p: Party):
    actions.play(p.event, p.dj, p.request(p.gina, 3))
    return "co_dj", {"action": "finish"}, 1


def tap_a_mood(p: Party):
    return "gina", {"action": "mood", "mood": "energetic"}, 1


def narrow_the_crate(p: Party):
    playlist = Playlist.objects.create(name="Warm-up", source=Playlist.Source.CHINOOK, source_id="warm-up")
    PlaylistTrack.objects.bulk_create(
        PlaylistTrack(playlist=playlist, song=song, position=i) for i, song in enumerate(p.songs[:3])
    )
    return "dj", lambda: actions.pick(p.event, p.dj, playlist_id=playlist.pk), 1


def invite(p: Party):
    return "dj", lambda: invite_co_dj(p.event, p.dj, p.newcomer.username), 1


def pause_requests(p: Party):
    p.request(p.gina, 0)
    return "co_dj", {"action": "rules", "requests_paused": True}, 1


def fair_order_takes_guests_in_turn(p: Party):
    """Gus's three requests, two with Gina's ask on them, then Greta's one: by asks
    Greta's comes last, in turn it comes second."""
    for index in (0, 1, 2):
        song_request = p.request(p.gus, index)
        if index < 2:
            actions.ask(p.gina, song_request)
    p.request(p.greta, 3)
    return "dj", {"action": "rules", "fair_order": True}, 1


def request_under_fair_order(p: Party):
    actions.set_rules(p.event, p.dj, {"fair_order": True})
    first = p.request(p.gus, 0)
    actions.ask(p.greta, first)
    p.request(p.gus, 1)
    return "gina", {"action": "request", "song_id": p.songs[2].pk}, 1


def clean_only_turns_down_explicit_requests(p: Party):
    Song.objects.filter(pk=p.songs[1].pk).update(explicit=True)
    p.request(p.gina, 1)
    p.request(p.gus, 0)
    return "dj", {"action": "rules", "clean_only": True}, 2


def block_an_artist(p: Party):
    p.request(p.gina, 0)
    p.request(p.gus, 1)
    return "dj", lambda: actions.block(p.event, p.dj, p.songs[0].pk, whole_artist=True), 2


def mute_a_guest(p: Party):
    """Gina's own request closes, her ask on Gus's goes, and her mood leaves the crowd's."""
    p.request(p.gina, 0)
    actions.ask(p.gina, p.request(p.gus, 1))
    tell_mood(p.gina, "sad")
    tell_mood(p.gus, "energetic")
    tell_mood(p.greta, "energetic")
    return "dj", {"action": "mute", "nickname": "Gina"}, 3


def ban_a_guest(p: Party):
    p.request(p.greta, 0)
    actions.ask(p.greta, p.request(p.gus, 1))
    return "co_dj", {"action": "ban", "nickname": "Greta"}, 2


def end_by_host(p: Party):
    actions.play(p.event, p.dj, p.request(p.gina, 3))
    p.queued(0, 1)
    p.request(p.gina, 2)
    return "host", {"action": "end"}, 5


def end_by_main_dj(p: Party):
    p.request(p.gina, 2)
    return "dj", {"action": "end"}, 2


SCENARIOS: list[Scenario] = [
    request_new,
    request_existing,
    ask,
    ask_moves_up_the_stack,
    cancel_with_others_left,
    cancel_last_ask,
    cancel_head_of_queue,
    accept,
    deny_pending,
    deny_queued,
    play_from_stack,
    play_head_of_queue,
    play_after_a_rating,
    reorder,
    queue_a_suggestion,
    play_a_suggestion_next,
    queue_a_request_from_the_stack_next,
    finish_the_song,
    tap_a_mood,
    narrow_the_crate,
    pause_requests,
    fair_order_takes_guests_in_turn,
    request_under_fair_order,
    clean_only_turns_down_explicit_requests,
    block_an_artist,
    mute_a_guest,
    ban_a_guest,
    invite,
    end_by_host,
    end_by_main_dj,
]
