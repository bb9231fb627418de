"""Songs, and the playlists they come in (a signal for recommendations)."""

from collections.abc import Iterable

from django.db import models
from django.db.models import Q

from liveparty.catalog.matching import song_key


class SongQuerySet(models.QuerySet):
    def bulk_create(self, objs: Iterable["Song"], *args: object, **kwargs: object) -> list["Song"]:
        """Keys too: bulk_create does not call save()."""
        objs = list(objs)
        for song in objs:
            song.match_key = song_key(song.title, song.artist)
        return super().bulk_create(objs, *args, **kwargs)


class Song(models.Model):
    title = models.CharField(max_length=300)
    artist = models.CharField(max_length=300)
    album = models.CharField(max_length=300, blank=True)
    genre = models.CharField(max_length=120, blank=True)
    composer = models.CharField(max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    explicit = models.BooleanField(default=False)
    # How often the song was bought, streamed or requested, as its source counts it.
    popularity = models.PositiveIntegerField(default=0)
    isrc = models.CharField("ISRC", max_length=12, blank=True)
    spotify_id = models.CharField(max_length=22, blank=True)
    chinook_id = models.PositiveIntegerField(null=True, blank=True, unique=True)
    # The same song on another album or from another source has the same key (matching.py).
    match_key = models.CharField(max_length=300, db_index=True, editable=False)

    objects = SongQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["spotify_id"], condition=~Q(spotify_id=""), name="song_spotify_id_unique"),
        ]
        indexes = [models.Index(fields=["title"]), models.Index(fields=["artist"]), models.Index(fields=["genre"])]
        ordering = ["title", "artist", "pk"]

    def __str__(self) -> str:
        return f"{self.title} — {self.artist}"

    def save(self, *args: object, **kwargs: object) -> None:
        self.match_key = song_key(self.title, self.artist)
        super().save(*args, **kwargs)

    @property
    def public(self) -> dict:
        return {
            "id": self.pk,
            "title": self.title,
            "artist": self.artist,
            "album": self.album or None,
            "duration_ms": self.duration_ms,
            "explicit": self.explicit,
        }


class Playlist(models.Model):
    """A playlist from a source (Chinook's, Spotify's), kept in order."""

    class Source(models.TextChoices):
        CHINOOK = "chinook"
        SPOTIFY = "spotify"

    name = models.CharField(max_length=300)
    source = models.CharField(max_length=16, choices=Source.choices)
    source_id = models.CharField(max_length=64)
    songs = models.ManyToManyField(Song, through="PlaylistTrack", related_name="playlists")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "source_id"], name="playlist_unique_per_source")]

    def __str__(self) -> str:
        return f"{self.name} ({self.source})"


class PlaylistTrack(models.Model):
    playlist = models.ForeignKey(Playlist, on_delete=models.CASCADE, related_name="tracks")
    song = models.ForeignKey(Song, on_delete=models.CASCADE, related_name="playlist_tracks")
    position = models.PositiveIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["playlist", "position"], name="playlist_position_unique")]
        ordering = ["playlist", "position"]

    def __str__(self) -> str:
        return f"{self.playlist} #{self.position}: {self.song}"
