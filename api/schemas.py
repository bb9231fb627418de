"""Request and response bodies. Inputs are strict: a number where text belongs is an
error, not a guess."""

from ninja import Schema
from pydantic import ConfigDict, Field

from liveparty.state.shapes import EventData, PersonData, SongData, SongRequestData


class StrictIn(Schema):
    model_config = ConfigDict(strict=True)


class AccountIn(StrictIn):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=256)
    display_name: str = Field(default="", max_length=80)


class TokenIn(StrictIn):
    username: str = Field(min_length=1, max_length=150)
    password: str = Field(min_length=1, max_length=256)


class EventIn(StrictIn):
    name: str = Field(min_length=1, max_length=120)
    main_dj: str | None = Field(default=None, min_length=1, max_length=150)


class UsernameIn(StrictIn):
    username: str = Field(min_length=1, max_length=150)


class GuestIn(StrictIn):
    nickname: str = Field(min_length=1, max_length=40)


class SongRequestIn(StrictIn):
    song_id: int = Field(ge=1)


class AccountOut(PersonData):
    id: int
    token: str


class TokenOut(Schema):
    token: str


class EventOut(EventData):
    join_url: str


class GuestOut(Schema):
    guest_id: int
    nickname: str
    token: str


class FoundSong(SongData):
    # With `scope=catalog` (the staff adding to the crate): whether guests can find it tonight.
    on_offer: bool | None = None


class SongPage(Schema):
    results: list[FoundSong]
    next_page: int | None
    # False when the DJ picked tonight's songs: a guest's empty search then says why.
    whole_catalog: bool


class SongRequestOut(Schema):
    request: SongRequestData


class RecapSong(Schema):
    song: SongData
    asks: int
    played: bool


class RecapOut(Schema):
    event: EventOut
    most_requested: list[RecapSong]
    mood: dict | None


class Error(Schema):
    code: str
    message: str
    retry_after: int | None = None


class ErrorOut(Schema):
    error: Error


# The refusals an event endpoint may answer with (docs/protocol.md, "Errors").
REFUSALS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 410: ErrorOut}
