"""Request and response bodies. Inputs are strict: a number where text belongs is an
error, not a guess."""

from typing import Literal

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


class PlayedSong(Schema):
    song: SongData
    played_at: str
    requested_by: str | None
    picked_by: str | None
    asks: int


class RatedSong(Schema):
    song: SongData
    average: float
    ratings: int


class RecapGuests(Schema):
    joined: int
    # Asked for a song, rated one or told a mood.
    took_part: int


class RecapTimeline(Schema):
    slice_minutes: int
    starts: list[str]


class BusyMoment(Schema):
    at: str
    requests: int


class CameraAgreement(Schema):
    answered: int
    agreed: int
    share: float | None


class MoodSummary(Schema):
    readings: int
    distribution: dict[str, float]
    sources: dict[str, int]
    camera_agreement: CameraAgreement


class MyRequest(Schema):
    song: SongData
    asked_at: str
    status: str
    outcome: str


class MyRating(Schema):
    song: SongData
    score: int


class MyMood(Schema):
    mood: str
    source: str
    # A selfie's: what the camera read, and whether I confirmed or corrected it.
    camera_mood: str | None
    confirmed: bool
    at: str


class MyNight(Schema):
    nickname: str
    requests: list[MyRequest]
    ratings: list[MyRating]
    moods: list[MyMood]


class PollCandidate(Schema):
    song: SongData
    asks: int
    votes: int


class PollOut(Schema):
    status: Literal["not_yet", "open", "closed"]
    candidates: list[PollCandidate]
    votes: int
    winner: SongData | None
    closed_at: str | None
    # The calling guest's song, if they voted.
    my_vote: int | None


class VoteIn(StrictIn):
    song_id: int = Field(ge=1)


class SpotifyPlaylistOut(Schema):
    name: str
    url: str
    added: int
    # "Artist - Title" of each song Spotify does not have.
    missing: list[str]


class RecapOut(Schema):
    event: EventOut
    guests: RecapGuests
    most_requested: list[RecapSong]
    played: list[PlayedSong]
    top_rated: list[RatedSong]
    timeline: RecapTimeline
    # Requests (asks) in each slice of the timeline, and the readings of each mood.
    requests_over_time: list[int]
    busiest: list[BusyMoment]
    mood: MoodSummary | None
    mood_over_time: dict[str, list[int]]
    # The calling guest's own night; null for anyone else.
    me: MyNight | None


class MoodTrends(Schema):
    period: Literal["day", "week", "month"]
    starts: list[str]
    # Readings of each mood in each period of `starts`.
    series: dict[str, list[int]]


class CameraAnswers(Schema):
    agreed: int
    corrected: int


class PartyName(Schema):
    name: str
    code: str


class ActiveGuest(Schema):
    nickname: str
    party: PartyName
    readings: int


class MoodAsks(Schema):
    asks: int
    # Guests who told the mood at these parties, and the asks per one of them (null: none).
    guests: int
    per_guest: float | None


class MoodSong(Schema):
    song: SongData
    asks: int


class TrendingSong(MoodSong):
    # Asks on each of `days`.
    by_day: list[int]


class TrendingSongs(Schema):
    days: list[str]
    since: str
    moods: dict[str, list[TrendingSong]]


class SongsByMood(Schema):
    # Songs played while the crowd felt each mood.
    played: dict[str, int]
    requested: dict[str, MoodAsks]
    top: dict[str, list[MoodSong]]
    trending: TrendingSongs


class MoodStatisticsOut(Schema):
    scope: Literal["mine", "site"]
    parties: int
    readings: int
    distribution: dict[str, int]
    trends: MoodTrends
    # 7 rows (Monday first) of 24 hours, in the viewer's time zone.
    by_weekday_and_hour: list[list[int]]
    # Per mood the camera read: the answers that confirmed it and those that corrected it.
    camera: dict[str, CameraAnswers]
    most_active: list[ActiveGuest]
    songs: SongsByMood


class Error(Schema):
    code: str
    message: str
    retry_after: int | None = None


class ErrorOut(Schema):
    error: Error


# The refusals an event endpoint may answer with (docs/protocol.md, "Errors").
REFUSALS = {
    **dict.fromkeys((400, 401, 403, 404, 409, 410), ErrorOut),
    413: ErrorOut,  # a body over the limit (liveparty/serving/body_limit.py)
    415: ErrorOut,  # a JSON body sent as something else
    429: ErrorOut,  # a rate limit (liveparty/limits.py)
}
