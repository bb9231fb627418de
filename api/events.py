"""Events: start, look up, add a co-DJ, end; guests join, browse songs, request."""

import logging
from typing import Literal

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.utils import check_csrf
from pydantic import ConfigDict, Field

from api.identity import AccountAuth, EventAuth, is_browser
from api.schemas import (
    REFUSALS,
    ErrorOut,
    EventIn,
    EventOut,
    GuestIn,
    GuestOut,
    SongPage,
    SongRequestIn,
    SongRequestOut,
    UsernameIn,
)
from liveparty import access, actions
from liveparty.accounts.sessions import remember_guest, session_guest
from liveparty.catalog.services import SEARCH_QUERY_MAX_LENGTH, get_song, search_page
from liveparty.engines import EngineError
from liveparty.errors import Forbidden
from liveparty.events import services as events
from liveparty.events.admission import allow_join, browser_key
from liveparty.events.models import Event
from liveparty.events.moderation import require_welcome_browser
from liveparty.events.offer import on_offer, whole_catalog
from liveparty.network import request_address
from liveparty.public_url import join_url
from liveparty.recommend.services import ALSO_REQUEST, similar
from liveparty.state.shapes import DJData

logger = logging.getLogger(__name__)

router = Router(tags=["events"])


class SongQuery(Schema):
    model_config = ConfigDict(strict=False)  # query strings are text: "2" is the page 2

    q: str = Field(default="", max_length=SEARCH_QUERY_MAX_LENGTH)
    page: int = Field(default=1, ge=1, le=10_000)
    # "catalog": the whole catalog, for the staff adding a song to the crate on the fly.
    scope: Literal["crate", "catalog"] = "crate"


def event_body(request: HttpRequest, event: Event) -> dict:
    return {**event.public, "join_url": join_url(request, event.code)}


@router.post("/events", auth=AccountAuth(), response={201: EventOut, **REFUSALS})
def start_event(request: HttpRequest, body: EventIn) -> Status:
    event = actions.start_event(request.auth.user, body.name, body.main_dj)
    return Status(201, event_body(request, event))


@router.get("/events/{code}", response={200: EventOut, 404: ErrorOut})
def get_event(request: HttpRequest, code: str) -> dict:
    return event_body(request, events.get_event(code))


@router.post("/events/{code}/djs", auth=AccountAuth(), response={201: DJData, **REFUSALS})
def invite_co_dj(request: HttpRequest, code: str, body: UsernameIn) -> Status:
    event = events.get_event(code)
    return Status(201, actions.invite_co_dj(event, request.auth.user, body.username).public)


@router.post("/events/{code}/end", auth=AccountAuth(), response={200: EventOut, **REFUSALS})
def end_event(request: HttpRequest, code: str) -> dict:
    event = events.get_event(code)
    return event_body(request, actions.end_event(event, request.auth.user))


@router.post("/events/{code}/guests", response={201: GuestOut, **REFUSALS})
def join(request: HttpRequest, code: str, body: GuestIn) -> Status:
    """A browser's join needs the page's CSRF token: the answer logs that browser in as
    the new guest, so a form on another site must not be able to choose who it is. A
    script (no cookies, no Origin) just takes its token."""
    if is_browser(request) and check_csrf(request):
        raise Forbidden("The page's security token is missing or stale; reload the page.")
    event = events.get_event(code)
    browser = browser_key(request.COOKIES.get(settings.CSRF_COOKIE_NAME))
    require_welcome_browser(event, browser, session_guest(request.session, event.pk))
    allow_join(event.pk, request_address(request), browser)
    guest, token = actions.join_event(event, body.nickname, browser)
    remember_guest(request.session, guest)
    return Status(201, {"guest_id": guest.pk, "nickname": guest.nickname, "token": token})


@router.get("/events/{code}/songs", auth=EventAuth(), response={200: SongPage, **REFUSALS})
def songs(request: HttpRequest, code: str, query: Query[SongQuery]) -> dict:
    event = events.get_event(code)
    access.require_participant(event, request.auth)
    if query.scope == "catalog" and not access.is_staff(event, request.auth.user):
        raise Forbidden("Guests browse the songs on offer tonight.")
    offer = on_offer(event)
    if query.scope == "catalog":
        results, next_page = search_page(query.q, query.page)
        found = [{**song.public, "on_offer": song.pk in offer} for song in results]
    else:
        results, next_page = search_page(query.q, query.page, among=offer, mix=event.code)
        found = [song.public for song in results]
    return {"results": found, "next_page": next_page, "whole_catalog": whole_catalog(event)}


@router.get("/events/{code}/songs/{song_id}/similar", auth=EventAuth(), response={200: dict, **REFUSALS})
def similar_songs(request: HttpRequest, code: str, song_id: int) -> dict:
    """ "You might also request": songs that go with this one, among those on offer; none
    while the recommender fails (the guest page simply shows no such list)."""
    event = events.get_event(code)
    access.require_participant(event, request.auth)
    guest = request.auth.guest
    song = get_song(song_id)
    try:
        items = similar(song, ALSO_REQUEST, event=event, guest_id=guest.pk if guest is not None else None)
    except EngineError as failure:
        logger.warning("no similar songs for song %s: %s", song_id, failure)
        items = []
    return {"results": [{"song": item["song"], "reason": item["reason"]} for item in items]}


@router.post("/events/{code}/requests", auth=EventAuth(), response={201: SongRequestOut, **REFUSALS, 429: ErrorOut})
def request_song(request: HttpRequest, code: str, body: SongRequestIn) -> Status:
    event = events.get_event(code)
    guest = access.require_guest(event, request.auth, "request songs")
    return Status(201, {"request": actions.request_song(guest, body.song_id).public})
