"""A song as the request stack needs it; the catalog issue adds albums, playlists and matching."""

from django.db import models
from django.db.models import Q


class Song(models.Model):
    title = models.CharField(max_length=300)
    artist = models.CharField(max_length=300)
    album = models.CharField(max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    explicit = models.BooleanField(default=False)
    isrc = models.CharField("ISRC", max_length=12, blank=True)
    spotify_id = models.CharField(max_length=22, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["spotify_id"], condition=~Q(spotify_id=""), name="song_spotify_id_unique"),
        ]
        indexes = [models.Index(fields=["title"]), models.Index(fields=["artist"])]
        ordering = ["title", "artist", "pk"]

    def __str__(self) -> str:
        return f"{self.title} — {self.artist}"

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
