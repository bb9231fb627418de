"""Mood readings: each time a guest tells (taps) or shows (selfie) how they feel."""

from django.db import models
from django.db.models import Q

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
    # How sure the reading is: a tap is the guest's own word (1.0).
    confidence = models.FloatField(default=1.0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["guest", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(confidence__gte=0, confidence__lte=1), name="mood_confidence_0_to_1")
        ]

    def __str__(self) -> str:
        return f"{self.guest} feels {self.mood}"

    @property
    def public(self) -> dict:
        return {"mood": self.mood, "source": self.source, "confidence": self.confidence, "at": iso(self.created_at)}
