"""What each update kind's `data` holds: one schema per kind, checked on every frame a
test receives (messages.check_frame) and written into docs/protocol.md."""

from typing import Literal

from liveparty.mood.models import Mood
from liveparty.state.shapes import DJData, EventData, Shape, SongRequestData
from liveparty.updates.models import Kind


class NowPlayingData(Shape):
    now_playing: SongRequestData | None
    played: SongRequestData | None


class QueueData(Shape):
    """The queue's request ids, next first: each request's position is its place here."""

    order: list[int]


class CrowdMoodData(Shape):
    mood: Literal[tuple(Mood.values)]
    distribution: dict[str, float]
    readings: int
    at: str


class OfferData(Shape):
    """What guests may request and how the stack is ordered: the crate, and the DJs' rules."""

    whole_catalog: bool
    requests_paused: bool
    clean_only: bool
    fair_order: bool


UPDATE_DATA: dict[str, type[Shape]] = {
    Kind.REQUEST_CREATED: SongRequestData,
    Kind.REQUEST_ASKED: SongRequestData,
    Kind.REQUEST_ACCEPTED: SongRequestData,
    Kind.REQUEST_DENIED: SongRequestData,
    Kind.REQUEST_CANCELLED: SongRequestData,
    Kind.QUEUE_CHANGED: QueueData,
    Kind.NOW_PLAYING_CHANGED: NowPlayingData,
    Kind.CROWD_MOOD_CHANGED: CrowdMoodData,
    Kind.DJ_JOINED: DJData,
    Kind.OFFER_CHANGED: OfferData,
    Kind.EVENT_ENDED: EventData,
}
