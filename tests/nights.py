"""A party with a known night: who asked for what and when, what played, the ratings and
the moods, at set times, so that every figure of the recap can be worked out by hand.

20:00 the party starts; it ends at 22:00 (two hours: 24 slices of 5 minutes).
- Dancing Queen: Gina 20:02, Gus 20:03, Greta 20:07 (3 asks); played at 20:30, rated
  5 by Gina and 4 by Gus.
- Billie Jean: Gus 20:04, Greta 20:06 (2 asks); denied.
- Mr. Brightside: Greta 20:31, Gina 20:33 (2 asks, asked after Billie Jean); never played.
- Le Freak: Gina 20:40, withdrawn at 20:41 (no ask left).
- Hey Ya!: the DJ's pick, played at 20:50, rated 5 by Greta.
- Moods: Gina happy at 20:10, energetic at 20:35; Gus chill at 20:36.
- Quinn joins and does nothing.

With `seed_selfies`: Greta's selfie read happy at 21:05, confirmed; one read chill at
21:10, corrected to down; Quinn's read tense at 21:15, never answered.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from liveparty import actions
from liveparty.accounts.models import Guest, User
from liveparty.catalog.models import Song
from liveparty.events.models import Event
from liveparty.mood.models import MoodReading
from liveparty.song_requests.models import Ask, SongRequest
from tests.personas import make_guest

START = datetime(2026, 12, 5, 20, 0, tzinfo=UTC)


def at(hour: int, minute: int) -> datetime:
    return START + timedelta(hours=hour - 20, minutes=minute)


@dataclass
class Night:
    event: Event
    gina: Guest
    gus: Guest
    greta: Guest
    quinn: Guest


def seed_night(event: Event, host: User, dj: User, gina: Guest, gus: Guest, greta: Guest, songs: list[Song]) -> Night:
    """The night above, through the actions (as it happens at a party), then set to its times."""
    quinn = make_guest(event, "Quinn")

    queen = actions.request_song(gina, songs[0].pk)
    actions.ask(gus, queen.pk)
    actions.ask(greta, queen.pk)
    billie = actions.request_song(gus, songs[1].pk)
    actions.ask(greta, billie.pk)
    actions.deny(event, dj, billie.pk)
    actions.play(event, dj, queen.pk)
    actions.rate(gina, 5)
    actions.rate(gus, 4)
    brightside = actions.request_song(greta, songs[2].pk)
    actions.ask(gina, brightside.pk)
    freak = actions.request_song(gina, songs[3].pk)
    actions.cancel(gina, freak.pk)
    pick = actions.queue_song(event, dj, songs[4].pk)
    actions.play(event, dj, pick.pk)
    actions.rate(greta, 5)
    happy = actions.tell_mood(gina, "happy")
    energetic = actions.tell_mood(gina, "energetic")
    chill = actions.tell_mood(gus, "chill")
    actions.end_event(event, host)

    for song_request, created, played in (
        (queen, at(20, 2), at(20, 30)),
        (billie, at(20, 4), None),
        (brightside, at(20, 31), None),
        (freak, at(20, 40), None),
        (pick, at(20, 45), at(20, 50)),
    ):
        SongRequest.objects.filter(pk=song_request.pk).update(created_at=created, played_at=played)
    for song_request, guest, moment in (
        (queen, gina, at(20, 2)),
        (queen, gus, at(20, 3)),
        (queen, greta, at(20, 7)),
        (billie, gus, at(20, 4)),
        (billie, greta, at(20, 6)),
        (brightside, greta, at(20, 31)),
        (brightside, gina, at(20, 33)),
        (freak, gina, at(20, 40)),
    ):
        Ask.objects.filter(song_request=song_request, guest=guest).update(asked_at=moment)
    Ask.objects.filter(song_request=freak).update(withdrawn_at=at(20, 41))
    for reading, moment in ((happy, at(20, 10)), (energetic, at(20, 35)), (chill, at(20, 36))):
        MoodReading.objects.filter(pk=reading.pk).update(created_at=moment)
    Event.objects.filter(pk=event.pk).update(started_at=START, ended_at=at(22, 0))
    event.refresh_from_db()
    return Night(event, gina, gus, greta, quinn)


def selfie(guest: Guest, camera: str, told: str | None, moment: datetime) -> None:
    """A camera reading, answered (`told`: the guest's mood) or not."""
    reading = MoodReading.objects.create(
        guest=guest, mood=told or camera, source="camera", camera_mood=camera, confidence=0.8, emotion="x"
    )
    MoodReading.objects.filter(pk=reading.pk).update(created_at=moment, confirmed_at=moment if told else None)


def seed_selfies(night: Night) -> None:
    selfie(night.greta, "happy", "happy", at(21, 5))
    selfie(night.greta, "chill", "sad", at(21, 10))
    selfie(night.quinn, "tense", None, at(21, 15))
