"""The shapes every client reads (docs/protocol.md): the HTTP API answers with them and
each update's `data` is built from them, so the two cannot drift apart."""

from typing import Literal

from pydantic import BaseModel, ConfigDict

from liveparty.events.models import DJMembership, Event
from liveparty.song_requests.models import Status


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class SongData(Shape):
    id: int
    title: str
    artist: str
    album: str | None
    duration_ms: int | None
    explicit: bool


class SongRequestData(Shape):
    """A request on the stack, in the queue, playing or closed."""

    id: int
    song: SongData
    status: Literal[tuple(Status.values)]
    asks: int
    requested_by: str | None
    picked_by: str | None
    askers: list[str]
    position: int | None
    created_at: str
    played_at: str | None


class PersonData(Shape):
    username: str
    display_name: str


class DJData(PersonData):
    role: Literal[tuple(DJMembership.Role.values)]


class EventData(Shape):
    code: str
    name: str
    status: Literal[tuple(Event.Status.values)]
    host: PersonData
    djs: list[DJData]
    started_at: str
    ended_at: str | None
