"""Event crates (what the DJ offers), what can go in them (playlists and genres), and the
blocklists (what the DJ will not play)."""

from django.db.models import Count
from django.http import HttpRequest
from ninja import Router, Status
from pydantic import Field

from api.identity import AccountAuth, EventAuth
from api.schemas import REFUSALS, ErrorOut, StrictIn
from liveparty import access, actions
from liveparty.catalog.models import Playlist, Song
from liveparty.events import blocklist, crates
from liveparty.events.services import get_event

router = Router(tags=["crates"])


class PickIn(StrictIn):
    playlist_id: int | None = Field(default=None, ge=1)
    genre: str = Field(default="", max_length=120)
    song_id: int | None = Field(default=None, ge=1)


@router.get("/events/{code}/crate", auth=EventAuth(), response={200: dict, **REFUSALS})
def get_crate(request: HttpRequest, code: str) -> dict:
    event = get_event(code)
    access.require_participant(event, request.auth, "see its crate")
    picks = crates.crate(event)
    return {"whole_catalog": not picks, "picks": [pick.public for pick in picks]}


@router.post("/events/{code}/crate", auth=AccountAuth(), response={201: dict, **REFUSALS})
def add_to_crate(request: HttpRequest, code: str, body: PickIn) -> Status:
    event = get_event(code)
    pick = actions.pick(event, request.auth.user, playlist_id=body.playlist_id, genre=body.genre, song_id=body.song_id)
    return Status(201, pick.public)


@router.delete("/events/{code}/crate/{pick_id}", auth=AccountAuth(), response={204: None, **REFUSALS})
def remove_from_crate(request: HttpRequest, code: str, pick_id: int) -> Status:
    actions.unpick(get_event(code), request.auth.user, pick_id)
    return Status(204, None)


class BlockIn(StrictIn):
    song_id: int = Field(ge=1)
    # True: the DJ's own list, for every event they play; False: this event's.
    everywhere: bool = False
    # True: every song of the song's primary artist, not only this one.
    whole_artist: bool = False


@router.get("/events/{code}/blocklist", auth=AccountAuth(), response={200: list[dict], **REFUSALS})
def get_blocklist(request: HttpRequest, code: str) -> list[dict]:
    event = get_event(code)
    access.require_staff(event, request.auth.user, "its blocklist")
    return [blocked.public for blocked in blocklist.blocklist(event)]


@router.post("/events/{code}/blocklist", auth=AccountAuth(), response={201: dict, **REFUSALS})
def block_song(request: HttpRequest, code: str, body: BlockIn) -> Status:
    blocked = actions.block(
        get_event(code), request.auth.user, body.song_id, everywhere=body.everywhere, whole_artist=body.whole_artist
    )
    return Status(201, blocked.public)


@router.delete("/events/{code}/blocklist/{block_id}", auth=AccountAuth(), response={204: None, **REFUSALS})
def unblock_song(request: HttpRequest, code: str, block_id: int) -> Status:
    actions.unblock(get_event(code), request.auth.user, block_id)
    return Status(204, None)


@router.get("/playlists", auth=AccountAuth(), response={200: list[dict], 401: ErrorOut})
def playlists(request: HttpRequest) -> list[dict]:
    rows = Playlist.objects.annotate(songs_count=Count("tracks")).order_by("name", "pk")
    return [{"id": p.pk, "name": p.name, "source": p.source, "songs": p.songs_count} for p in rows]


@router.get("/genres", auth=AccountAuth(), response={200: list[dict], 401: ErrorOut})
def genres(request: HttpRequest) -> list[dict]:
    rows = Song.objects.exclude(genre="").values("genre").annotate(songs=Count("pk")).order_by("genre")
    return [{"genre": row["genre"], "songs": row["songs"]} for row in rows]
