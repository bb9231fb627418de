"""An event (a party) and the DJs who play it."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from liveparty.catalog.matching import primary_artist_name
from liveparty.catalog.models import Playlist, Song
from liveparty.clock import iso
from liveparty.events.codes import CODE_LENGTH


class Event(models.Model):
    class Status(models.TextChoices):
        LIVE = "live"
        ENDED = "ended"

    code = models.CharField(max_length=CODE_LENGTH, unique=True)
    name = models.CharField(max_length=120)
    host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="hosted_events")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.LIVE)
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    # The DJs' rules for tonight's requests (events/rules.py): on the event's own row, so
    # an action reads them with the lock it takes anyway.
    requests_paused = models.BooleanField(default=False)
    clean_only = models.BooleanField(default=False)  # explicit songs are off the offer
    fair_order = models.BooleanField(default=False)  # the stack takes guests in turn

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status="live", ended_at__isnull=True) | Q(status="ended", ended_at__isnull=False),
                name="event_ended_at_matches_status",
            ),
            models.CheckConstraint(condition=Q(code__regex=r"^[0-9A-Z]+$"), name="event_code_upper_case"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.LIVE

    @property
    def public(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "status": self.status,
            "host": self.host.public,
            "djs": [membership.public for membership in self.djs.select_related("dj")],
            "started_at": iso(self.started_at),
            "ended_at": iso(self.ended_at),
        }


class DJMembership(models.Model):
    """A DJ at an event. `live` mirrors the event's status so the database can
    enforce "a DJ is in at most one live event" with a partial unique index."""

    class Role(models.TextChoices):
        MAIN = "main"
        CO = "co"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="djs")
    dj = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="dj_memberships")
    role = models.CharField(max_length=4, choices=Role.choices)
    live = models.BooleanField(default=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dj"], condition=Q(live=True), name="dj_in_one_live_event"),
            models.UniqueConstraint(fields=["event", "dj"], name="dj_once_per_event"),
            models.UniqueConstraint(fields=["event"], condition=Q(role="main"), name="one_main_dj_per_event"),
        ]
        ordering = ["joined_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dj} ({self.role}) at {self.event.code}"

    @property
    def public(self) -> dict:
        return {**self.dj.public, "role": self.role}


class CratePick(models.Model):
    """One pick of an event's crate (the songs on offer): a playlist, a genre or a song.
    An event without picks offers the whole catalog."""

    class Kind(models.TextChoices):
        PLAYLIST = "playlist"
        GENRE = "genre"
        SONG = "song"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="crate_picks")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    playlist = models.ForeignKey(Playlist, on_delete=models.CASCADE, null=True, blank=True)
    genre = models.CharField(max_length=120, blank=True)
    song = models.ForeignKey(Song, on_delete=models.CASCADE, null=True, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="playlist", playlist__isnull=False, song__isnull=True, genre="")
                | (Q(kind="genre", playlist__isnull=True, song__isnull=True) & ~Q(genre=""))
                | Q(kind="song", song__isnull=False, playlist__isnull=True, genre=""),
                name="crate_pick_names_one_thing",
            ),
            models.UniqueConstraint(fields=["event", "playlist"], name="crate_playlist_once"),
            models.UniqueConstraint(fields=["event", "genre"], condition=~Q(genre=""), name="crate_genre_once"),
            models.UniqueConstraint(fields=["event", "song"], name="crate_song_once"),
        ]
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} pick of event {self.event_id}"

    @property
    def public(self) -> dict:
        if self.kind == self.Kind.PLAYLIST:
            return {"id": self.pk, "kind": self.kind, "playlist": {"id": self.playlist_id, "name": self.playlist.name}}
        if self.kind == self.Kind.GENRE:
            return {"id": self.pk, "kind": self.kind, "genre": self.genre}
        return {"id": self.pk, "kind": self.kind, "song": self.song.public}


class BlockedSong(models.Model):
    """A song that must not be played, or an artist none of whose songs may: at one event,
    or by one DJ at every event. A song's block goes by its match key, so every version
    of it is blocked; an artist's by the primary artist of the key (catalog/matching.py),
    so their songs with a guest star are blocked too. `song` is the song it was blocked
    from (for an artist, the one whose credit names them)."""

    song = models.ForeignKey(Song, on_delete=models.CASCADE, related_name="blocks")
    match_key = models.CharField(max_length=300, blank=True)
    artist_key = models.CharField(max_length=300, blank=True)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, null=True, blank=True, related_name="blocked_songs")
    dj = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="blocked_songs"
    )
    blocked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(event__isnull=False, dj__isnull=True) | Q(event__isnull=True, dj__isnull=False),
                name="block_is_an_events_or_a_djs",
            ),
            models.CheckConstraint(
                condition=(~Q(match_key="") & Q(artist_key="")) | (Q(match_key="") & ~Q(artist_key="")),
                name="block_names_a_song_or_an_artist",
            ),
            models.UniqueConstraint(
                fields=["event", "match_key"],
                condition=Q(event__isnull=False) & ~Q(match_key=""),
                name="block_once_per_event",
            ),
            models.UniqueConstraint(
                fields=["dj", "match_key"], condition=Q(dj__isnull=False) & ~Q(match_key=""), name="block_once_per_dj"
            ),
            models.UniqueConstraint(
                fields=["event", "artist_key"],
                condition=Q(event__isnull=False) & ~Q(artist_key=""),
                name="artist_block_once_per_event",
            ),
            models.UniqueConstraint(
                fields=["dj", "artist_key"],
                condition=Q(dj__isnull=False) & ~Q(artist_key=""),
                name="artist_block_once_per_dj",
            ),
        ]
        ordering = ["blocked_at", "pk"]

    def __str__(self) -> str:
        where = f"at event {self.event_id}" if self.event_id else f"by DJ {self.dj_id}"
        what = f"every song of {self.artist_key!r}" if self.artist_key else str(self.song)
        return f"{what} blocked {where}"

    @property
    def public(self) -> dict:
        """`artist` is the blocked artist as the song's credit names them, null for a song's block."""
        return {
            "id": self.pk,
            "song": self.song.public,
            "artist": primary_artist_name(self.song.artist) if self.artist_key else None,
            "everywhere": self.dj_id is not None,
            "at": iso(self.blocked_at),
        }
