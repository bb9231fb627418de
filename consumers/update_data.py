"""What each update kind's `data` holds: one schema per kind, checked on every frame a
test receives (messages.check_frame) and written into docs/protocol.md."""

from typing import Literal

from pydantic import BaseModel, ConfigDict

from liveparty.events.models import DJMembership, Event
from liveparty.mood.models import Mood
from liveparty.requests.models import Status
from liveparty.updates.models import Kind


class Data(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class SongData(Data):
    id: int
    title: str
    artist: str
    album: str | None
    duration_ms: int | None
    explicit: bool


class EntryData(Data):
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


class PersonData(Data):
    username: str
    display_name: str


class DJData(PersonData):
    role: Literal[tuple(DJMembership.Role.values)]


class NowPlayingData(Data):
    now_playing: EntryData | None
    played: EntryData | None


class QueueData(Data):
    queue: list[EntryData]


class CrowdMoodData(Data):
    mood: Literal[tuple(Mood.values)]
    distribution: dict[str, float]
    readings: int
    at: str


class EventData(Data):
    code: str
    name: str
    status: Literal[tuple(Event.Status.values)]
    host: PersonData
    djs: list[DJData]
    started_at: str
    ended_at: str | None


class OfferData(Data):
    whole_catalog: bool


UPDATE_DATA: dict[str, type[Data]] = {
    Kind.REQUEST_CREATED: EntryData,
    Kind.REQUEST_ASKED: EntryData,
    Kind.REQUEST_ACCEPTED: EntryData,
    Kind.REQUEST_DENIED: EntryData,
    Kind.REQUEST_CANCELLED: EntryData,
    Kind.QUEUE_CHANGED: QueueData,
    Kind.NOW_PLAYING_CHANGED: NowPlayingData,
    Kind.CROWD_MOOD_CHANGED: CrowdMoodData,
    Kind.DJ_JOINED: DJData,
    Kind.OFFER_CHANGED: OfferData,
    Kind.EVENT_ENDED: EventData,
}
