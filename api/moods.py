"""Moods over HTTP: a selfie's reading (photos are too large for a WebSocket frame) and
the songs that fit a mood."""

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict

from api.identity import EventAuth
from api.schemas import REFUSALS, ErrorOut
from liveparty import access, actions
from liveparty.errors import Invalid
from liveparty.events import services as events
from liveparty.mood.faces import MAX_UPLOAD_BYTES
from liveparty.mood.models import Mood
from liveparty.mood.services import allow_selfie, songs_for_mood

router = Router(tags=["moods"])


class SelfieQuery(Schema):
    model_config = ConfigDict(strict=False)

    # The guest's choice: by default the photo is read in memory and discarded.
    keep: bool = False


@router.post("/events/{code}/selfies", auth=EventAuth(), response={201: dict, **REFUSALS, 503: ErrorOut})
def selfie(request: HttpRequest, code: str, query: Query[SelfieQuery]) -> Status:
    """The photo is the request body itself (`Content-Type: image/jpeg`, `image/png` or
    `image/webp`), as a phone's file input gives it; the answer is the reading, which the
    guest then confirms or corrects (the WebSocket `mood` action with `reading_id`)."""
    event = events.get_event(code)
    guest = access.require_guest(event, request.auth, "share a selfie")
    allow_selfie(guest)
    length = int(request.headers.get("Content-Length") or 0)
    if length > MAX_UPLOAD_BYTES:  # refused before the body is read
        raise Invalid(f"That photo is too large (the limit is {MAX_UPLOAD_BYTES // 2**20} MB).", code="image_too_large")
    image = request.body
    if not image:
        raise Invalid("Send the photo as the request body.", code="not_an_image")
    reading = actions.read_selfie(guest, image, request.content_type or "", keep=query.keep)
    return Status(201, {"reading": reading.public})


@router.get("/events/{code}/moods/{mood}/songs", auth=EventAuth(), response={200: dict, **REFUSALS})
def mood_songs(request: HttpRequest, code: str, mood: str) -> dict:
    event = events.get_event(code)
    access.require_participant(event, request.auth)
    if mood not in Mood.values:
        raise Invalid(f"A mood is one of: {', '.join(Mood.values)}.")
    return {"results": songs_for_mood(event, mood)}
