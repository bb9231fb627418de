"""After the party: the recap (with the caller's own night), the song-of-the-night poll
and the played playlist."""

from typing import Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router, Status

from api.events import event_body
from api.identity import EventAuth, caller
from api.schemas import REFUSALS, PollOut, RecapOut, SpotifyPlaylistOut, VoteIn
from liveparty import access
from liveparty.events.services import get_event
from liveparty.recap import exports, poll, spotify_export
from liveparty.recap.services import my_night, party_recap

router = Router(tags=["recap"])

PLAYLIST_FORMATS = {
    "m3u": (exports.as_m3u, "audio/x-mpegurl; charset=utf-8"),
    "csv": (exports.as_csv, "text/csv; charset=utf-8"),
}


@router.get("/events/{code}/recap", response={200: RecapOut, **REFUSALS})
def get_recap(request: HttpRequest, code: str) -> dict:
    """Open to anyone once the party has ended; while it is live, to its host and DJs."""
    event = get_event(code)
    identity = caller(request, event)
    access.require_recap_viewer(event, identity)
    guest = identity.guest if access.is_guest_of(event, identity) else None
    return {**party_recap(event), "event": event_body(request, event), "me": my_night(guest) if guest else None}


@router.get(
    "/events/{code}/played.{kind}",
    url_name="played_playlist",
    auth=EventAuth(),
    response={200: None, **REFUSALS},
    openapi_extra={
        "responses": {
            200: {
                "description": "The songs played, in order: extended M3U or CSV, as a download.",
                "content": {"audio/x-mpegurl": {}, "text/csv": {}},
            }
        }
    },
)
def played_playlist(request: HttpRequest, code: str, kind: Literal["m3u", "csv"]) -> HttpResponse:
    """For the party's host and DJs: they played it."""
    event = get_event(code)
    access.require_staff(event, request.auth.user, "the playlist export")
    render, content_type = PLAYLIST_FORMATS[kind]
    response = HttpResponse(render(event), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{event.code}-played.{kind}"'
    return response


@router.post(
    "/events/{code}/played/spotify",
    auth=EventAuth(),
    url_name="save_to_spotify",
    response={201: SpotifyPlaylistOut, **REFUSALS},
)
def save_to_spotify(request: HttpRequest, code: str) -> Status:
    """What played, saved as a private playlist in the calling DJ's (or host's) Spotify account."""
    return Status(201, spotify_export.save_to_spotify(get_event(code), request.auth.user))


@router.get("/events/{code}/poll", response={200: PollOut, **REFUSALS})
def get_poll(request: HttpRequest, code: str) -> dict:
    """The votes so far, for whoever sees the recap (the page asks again every few seconds)."""
    event = get_event(code)
    identity = caller(request, event)
    access.require_recap_viewer(event, identity)
    return poll.poll_results(event, identity.guest if access.is_guest_of(event, identity) else None)


@router.post("/events/{code}/poll/votes", auth=EventAuth(), response={200: PollOut, **REFUSALS})
def vote(request: HttpRequest, code: str, body: VoteIn) -> dict:
    """A guest's vote for the song of the night; voting again moves it."""
    event = get_event(code)
    guest = access.require_guest(event, request.auth, "vote for the song of the night")
    poll.vote(guest, body.song_id)
    return poll.poll_results(event, guest)


@router.post("/events/{code}/poll/close", auth=EventAuth(), response={200: PollOut, **REFUSALS})
def close_poll(request: HttpRequest, code: str) -> dict:
    event = get_event(code)
    poll.close_poll(event, request.auth.user)
    return poll.poll_results(event)
