"""Mood readings: each time a guest tells (taps) or shows (selfie) how they feel."""

from django.db import models

from liveparty.clock import iso


class Mood(models.TextChoices):
    """The party moods guests pick from (and the camera's emotions map onto)."""

    HAPPY = "happy", "Happy"
    ENERGETIC = "energetic", "Energetic"
    CHILL = "chill", "Chill"
    SAD = "sad", "Down"
    TENSE = "tense", "Tense"


class MoodReading(models.Model):
    class Source(models.TextChoices):
        TAP = "tap"

    guest = models.ForeignKey("accounts.Guest", on_delete=models.CASCADE, related_name="mood_readings")
    mood = models.CharField(max_length=16, choices=Mood.choices)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.TAP)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["guest", "created_at"])]

    def __str__(self) -> str:
        return f"{self.guest} feels {self.mood}"

    @property
    def public(self) -> dict:
        return {"mood": self.mood, "source": self.source, "at": iso(self.created_at)}
