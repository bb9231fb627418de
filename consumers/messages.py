"""The WebSocket messages: what clients may send (validated here) and what the server
sends back (built here). docs/protocol.md's WebSocket part is generated from this
module (`manage.py protocol_doc`) and a test fails when the two differ.
"""

import json
import re
from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    TypeAdapter,
    ValidationError,
    model_validator,
)

from consumers.update_data import UPDATE_DATA
from liveparty.errors import DomainError, describe_invalid
from liveparty.events.services import NICKNAME_MAX_LENGTH
from liveparty.mood.models import Mood

# Big enough for any action, small enough that a flood of frames cannot eat memory.
# (The mood selfie gets its own, larger cap with the mood engine.)
MAX_FRAME_CHARS = 64 * 1024
MAX_ID_LENGTH = 64

ClientId = Annotated[StrictStr, Field(min_length=1, max_length=MAX_ID_LENGTH)] | StrictInt
PositiveId = Annotated[StrictInt, Field(ge=1)]


class Envelope(BaseModel):
    """Every client message: a client-chosen `id` (echoed as `ref`) and an `action`."""

    model_config = ConfigDict(strict=True, extra="allow")

    id: ClientId
    action: StrictStr


class Action(BaseModel):
    """The fields of one action; unknown fields are ignored, as clients may be newer."""

    model_config = ConfigDict(strict=True, extra="ignore")

    name: ClassVar[str]
    summary: ClassVar[str]
    example: ClassVar[dict]


class RequestSong(Action):
    name = "request"
    summary = "Put a song on the stack, or add my ask to the request already there."
    example = {"id": "c1-1", "action": "request", "song_id": 42}

    song_id: PositiveId


class SongRequestAction(Action):
    """An action on one request of the stack or queue."""

    request_id: PositiveId


class Ask(SongRequestAction):
    name = "ask"
    summary = "+1 on a request that is waiting (asking twice counts once)."
    example = {"id": "c1-2", "action": "ask", "request_id": 7}


class Cancel(SongRequestAction):
    name = "cancel"
    summary = "Withdraw my ask; the request closes when no ask is left."
    example = {"id": "c1-3", "action": "cancel", "request_id": 7}


class Rate(Action):
    name = "rate"
    summary = "Rate the song now playing, 1 to 5 (rating again replaces the score)."
    example = {"id": "c1-4", "action": "rate", "score": 5}

    score: Annotated[StrictInt, Field(ge=1, le=5)]


class TellMood(Action):
    name = "mood"
    summary = (
        "Tell the app how I feel: a tap, or (with `reading_id`) my word on a selfie's reading, "
        "confirming it (the same mood) or correcting it. Selfies go over HTTP: POST /api/events/{code}/selfies."
    )
    example = {"id": "c1-6", "action": "mood", "mood": "energetic"}

    mood: Literal[tuple(Mood.values)]
    reading_id: Annotated[StrictInt, Field(ge=1)] | None = None


class Accept(SongRequestAction):
    name = "accept"
    summary = "Move a pending request to the end of the queue."
    example = {"id": "d-1", "action": "accept", "request_id": 7}


class Deny(SongRequestAction):
    name = "deny"
    summary = "Turn down a pending or queued request."
    example = {"id": "d-2", "action": "deny", "request_id": 8}


class Play(SongRequestAction):
    name = "play"
    summary = "Make a pending or queued request now playing; the one playing goes to history."
    example = {"id": "d-3", "action": "play", "request_id": 7}


class Reorder(SongRequestAction):
    name = "reorder"
    summary = "Move a queued request to a queue position (1 is next)."
    example = {"id": "d-4", "action": "reorder", "request_id": 9, "position": 1}

    position: PositiveId


class QueueSong(Action):
    name = "queue"
    summary = (
        "Put a song of my choosing (a suggestion, say) in the queue, at `position` (1 is next) or at the end. "
        "A song waiting on the stack is accepted, one in the queue moves; a new one is the DJ's pick "
        "(`picked_by`, no ask)."
    )
    example = {"id": "d-5", "action": "queue", "song_id": 42, "position": 1}

    song_id: PositiveId
    position: PositiveId | None = None


class Finish(Action):
    name = "finish"
    summary = "The song playing has ended: it goes to history and nothing plays (to skip, `play` the next one)."
    example = {"id": "d-6", "action": "finish"}


class SetRules(Action):
    name = "rules"
    summary = (
        "Set tonight's rules, any of: `requests_paused` (guests can neither request nor +1; withdrawing works), "
        "`clean_only` (explicit songs are off the offer, and those waiting on the stack are turned down), "
        "`fair_order` (the stack takes guests in turn, not by raw asks). Acked with the new `offer`."
    )
    example = {"id": "d-7", "action": "rules", "requests_paused": True}

    requests_paused: StrictBool | None = None
    clean_only: StrictBool | None = None
    fair_order: StrictBool | None = None

    @model_validator(mode="after")
    def names_a_rule(self) -> "SetRules":
        if self.changes == {}:
            raise ValueError("Name a rule to set: requests_paused, clean_only or fair_order.")
        return self

    @property
    def changes(self) -> dict[str, bool]:
        return {rule: value for rule, value in self.model_dump().items() if value is not None}


class GuestAction(Action):
    """An action on one guest, named by their nickname as the console shows it."""

    nickname: Annotated[StrictStr, Field(min_length=1, max_length=NICKNAME_MAX_LENGTH)]


class Mute(GuestAction):
    name = "mute"
    summary = (
        "Mute a guest: they follow the party, but cannot request, +1, rate or tell a mood; their asks on "
        "waiting requests are withdrawn, their mood leaves the crowd's. Acked with the guest and standing."
    )
    example = {"id": "d-8", "action": "mute", "nickname": "Prank"}


class Ban(GuestAction):
    name = "ban"
    summary = (
        "Ban a guest: as muted, and their connections close (4403); they cannot reconnect, nor join again "
        "from the same browser under another nickname."
    )
    example = {"id": "d-9", "action": "ban", "nickname": "Prank"}


class WelcomeBack(GuestAction):
    name = "welcome_back"
    summary = "Lift a guest's mute or ban: what they do counts again (withdrawn asks stay withdrawn)."
    example = {"id": "d-10", "action": "welcome_back", "nickname": "Prank"}


class End(Action):
    name = "end"
    summary = "End the event (host or main DJ)."
    example = {"id": "h-1", "action": "end"}


class Resume(Action):
    name = "resume"
    summary = "After a reconnect: the updates after `last_seq`, or a fresh snapshot when they are no longer kept."
    example = {"id": "c1-5", "action": "resume", "last_seq": 17}

    last_seq: Annotated[StrictInt, Field(ge=0)]


ACTIONS: dict[str, type[Action]] = {
    action.name: action
    for action in (
        RequestSong,
        Ask,
        Cancel,
        Rate,
        TellMood,
        Accept,
        Deny,
        Play,
        Reorder,
        QueueSong,
        Finish,
        SetRules,
        Mute,
        Ban,
        WelcomeBack,
        End,
        Resume,
    )
}


class BadMessage(Exception):
    """A client message that cannot be read; `ref` is its id when it had a usable one."""

    def __init__(self, message: str, ref: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.ref = ref


def parse(text: str | None) -> tuple[Envelope, Action]:
    """Read one client frame (None for a binary one) or raise BadMessage saying what is
    wrong; nothing else, whatever the frame holds."""
    if text is None:
        raise BadMessage("Send JSON text frames, not binary ones.")
    if len(text) > MAX_FRAME_CHARS:
        raise BadMessage(
            f"That message is too long (the limit is {MAX_FRAME_CHARS} characters).", ref=_leading_id(text)
        )
    try:
        raw = json.loads(text)
    except RecursionError as error:  # "[[[[..." under the size limit: Python's parser recurses
        raise BadMessage("That message is nested too deeply.", ref=_leading_id(text)) from error
    except ValueError as error:
        raise BadMessage("That message is not valid JSON.", ref=_leading_id(text)) from error
    if not isinstance(raw, dict):
        raise BadMessage("A message is a JSON object with an `id` and an `action`.")
    try:
        envelope = Envelope.model_validate(raw)
    except ValidationError as error:
        raise BadMessage(describe_invalid(error.errors()), ref=_usable_id(raw.get("id"))) from error
    action = ACTIONS.get(envelope.action)
    if action is None:
        raise BadMessage(f"Unknown action {envelope.action[:40]!r}.", ref=envelope.id)
    try:
        return envelope, action.model_validate(raw)
    except ValidationError as error:
        raise BadMessage(describe_invalid(error.errors()), ref=envelope.id) from error


# A frame that cannot be read whole (too long, too deep, cut short) still names the
# message it answers when it opens with its id, as every page writes its frames
# ({"id": ..., "action": ...}): the page can then tell which of its actions failed.
# (An id of MAX_ID_LENGTH characters, each escaped as a surrogate pair, is 12 times as long.)
_LEADING_ID = re.compile(rf'\s*\{{\s*"id"\s*:\s*("(?:[^"\\]|\\.){{1,{12 * MAX_ID_LENGTH}}}"|-?\d{{1,18}}\b)')


def _leading_id(text: str) -> Any:
    match = _LEADING_ID.match(text[: 16 * MAX_ID_LENGTH])
    if match is None:
        return None
    try:
        return _usable_id(json.loads(match.group(1)))
    except ValueError:
        return None


def _usable_id(value: Any) -> Any:
    try:
        return Envelope.model_validate({"id": value, "action": ""}).id
    except ValidationError:
        return None


# Server -> client frames (snapshots and updates come ready-made from the domain). The
# models say what each frame holds; tests check every frame they receive against them.


class Frame(BaseModel):
    model_config = ConfigDict(extra="forbid")

    summary: ClassVar[str]
    example: ClassVar[dict]


class SnapshotFrame(Frame):
    summary = "First frame on every connection, and the answer to a resume from too far back."
    example = {
        "type": "snapshot",
        "seq": 17,
        "state": {
            "event": {},
            "now_playing": None,
            "stack": [],
            "queue": [],
            "history": [],
            "crowd_mood": None,
            "offer": {"whole_catalog": True, "requests_paused": False, "clean_only": False, "fair_order": False},
            "me": {},
        },
    }

    type: Literal["snapshot"]
    seq: int
    state: dict


class LoggedUpdate(BaseModel):
    """An update as the log holds it: an `update` frame is one with its `type`, an
    `updates` frame lists several."""

    model_config = ConfigDict(extra="forbid")

    seq: int
    kind: Literal[tuple(UPDATE_DATA)]
    data: dict

    @model_validator(mode="after")
    def data_of_its_kind(self) -> "LoggedUpdate":
        UPDATE_DATA[self.kind].model_validate(self.data)
        return self


class UpdateFrame(Frame, LoggedUpdate):
    summary = "One change of the event's state; `seq` is contiguous per event; `data` as its kind says (below)."
    example = {"type": "update", "seq": 18, "kind": "queue.changed", "data": {"order": [9, 7]}}

    type: Literal["update"]


class UpdatesFrame(Frame):
    summary = (
        "Updates `from_seq` to `seq` at once, sent instead of `update` frames that came close together "
        "(a burst of asks). Within a run of `request.*` updates only each request's last version is listed; "
        "a page applies the listed updates after its own seq, in order, and is then at `seq`."
    )
    example = {
        "type": "updates",
        "from_seq": 20,
        "seq": 21,
        "updates": [
            {"seq": 20, "kind": "queue.changed", "data": {"order": [9, 7]}},
            {"seq": 21, "kind": "dj.joined", "data": {"username": "co", "display_name": "Co", "role": "co"}},
        ],
    }

    type: Literal["updates"]
    from_seq: int
    seq: int
    updates: list[LoggedUpdate]


class NoticeFrame(Frame):
    summary = (
        "Personal, on each of a guest's connections: request_accepted, _denied, _played, you_are_next; "
        "muted, banned (the connection then closes 4403), welcomed_back. On the DJs' consoles: guests_changed "
        "(a guest muted, banned or welcomed back: `{guest: {id, nickname, standing}}`)."
    )
    example = {"type": "notice", "kind": "you_are_next", "data": {"request": {"id": 7, "position": 1}}}

    type: Literal["notice"]
    kind: str
    data: dict


class AckFrame(Frame):
    summary = "The answer to a message that was carried out; `ref` is the message's id."
    example = {"type": "ack", "ref": "c1-1", "data": {"request": {"id": 7, "asks": 1}}}

    type: Literal["ack"]
    ref: str | int
    data: dict


class ErrorFrame(Frame):
    summary = "The answer to a message refused or unreadable (`ref` is null when it had no usable id)."
    example = {
        "type": "error",
        "ref": "c1-1",
        "code": "rate_limited",
        "message": "Try again in 12 s.",
        "retry_after": 12,
    }

    type: Literal["error"]
    ref: str | int | None
    code: str
    message: str
    retry_after: int | None = None


class PresenceFrame(Frame):
    summary = "DJ and host only: how many guests are connected (coalesced, about once a second)."
    example = {"type": "presence", "guests": 42}

    type: Literal["presence"]
    guests: int


class SuggestionsFrame(Frame):
    summary = (
        "DJ only: what to play next, best first, each with a one-line reason; sent when now playing, "
        "the stack, a rating or the crowd mood changes (the snapshot's `me.suggestions` holds the same list)."
    )
    example = {
        "type": "suggestions",
        "data": [
            {
                "song": {"id": 12, "title": "Hells Bells", "artist": "AC/DC"},
                "score": 0.82,
                "reason": "played with Back In Black in 14 playlists",
                "algorithm": "now-playing",
            }
        ],
    }

    type: Literal["suggestions"]
    data: list[dict]


FRAMES: tuple[type[Frame], ...] = (
    SnapshotFrame,
    UpdateFrame,
    UpdatesFrame,
    NoticeFrame,
    AckFrame,
    ErrorFrame,
    PresenceFrame,
    SuggestionsFrame,
)
_any_frame = TypeAdapter(Annotated[Union[FRAMES], Field(discriminator="type")])  # noqa: UP007


def check_frame(frame: dict) -> None:
    """Raise ValidationError unless `frame` is one of the server's frames."""
    _any_frame.validate_python(frame)


def ack(ref: Any, data: dict) -> dict:
    return {"type": "ack", "ref": ref, "data": data}


def error(ref: Any, code: str, message: str, retry_after: int | None = None) -> dict:
    frame = {"type": "error", "ref": ref, "code": code, "message": message}
    if retry_after is not None:
        frame["retry_after"] = retry_after
    return frame


def domain_error(ref: Any, refusal: DomainError) -> dict:
    return error(ref, refusal.code, refusal.message, getattr(refusal, "retry_after", None))


def notice(kind: str, data: dict) -> dict:
    return {"type": "notice", "kind": kind, "data": data}


def presence(guests: int) -> dict:
    return {"type": "presence", "guests": guests}


def suggestions(items: list[dict]) -> dict:
    return {"type": "suggestions", "data": items}


def dumps(frame: dict) -> str:
    """One encoding for every frame: compact, UTF-8 kept as is."""
    return json.dumps(frame, separators=(",", ":"), ensure_ascii=False)
