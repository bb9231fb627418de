"""Mood readings: each time a guest tells (taps) or shows (selfie) how they feel; the
photos guests chose to keep; and which songs the crowd liked in which mood."""

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


# A camera reading less likely than this (liveparty/mood/detect.py) is put to the guest
# as a question ("not sure: is this right?"); a surer one simply asks to confirm.
UNSURE_BELOW = 0.6


class MoodReading(models.Model):
    """`mood` is what counts for the crowd: the tap, or the camera's reading until the
    guest confirms or corrects it. A camera reading keeps what the camera said
    (`camera_mood`, `emotion`) beside what the guest said, for the agreement figure."""

    class Source(models.TextChoices):
        TAP = "tap"
        CAMERA = "camera"

    guest = models.ForeignKey("accounts.Guest", on_delete=models.CASCADE, related_name="mood_readings")
    mood = models.CharField(max_length=16, choices=Mood.choices)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.TAP)
    # How sure the reading is: a tap (or a confirmed reading) is the guest's own word: 1.0.
    confidence = models.FloatField(default=1.0)
    camera_mood = models.CharField(max_length=16, choices=Mood.choices, blank=True)
    emotion = models.CharField(max_length=16, blank=True)  # the network's strongest emotion
    confirmed_at = models.DateTimeField(null=True, blank=True)  # the guest confirmed or corrected it
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["guest", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(confidence__gte=0, confidence__lte=1), name="mood_confidence_0_to_1"),
            models.CheckConstraint(
                condition=Q(source="tap", camera_mood="", confirmed_at__isnull=True)
                | (Q(source="camera") & ~Q(camera_mood="")),
                name="mood_camera_fields_only_for_camera",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.guest} feels {self.mood}"

    @property
    def public(self) -> dict:
        reading = {
            "id": self.pk,
            "mood": self.mood,
            "source": self.source,
            "confidence": self.confidence,
            "at": iso(self.created_at),
        }
        if self.source == self.Source.CAMERA:
            reading.update(
                camera_mood=self.camera_mood,
                emotion=self.emotion,
                confirmed=self.confirmed_at is not None,
                uncertain=self.confidence < UNSURE_BELOW,
            )
        return reading


class MoodPhoto(models.Model):
    """A selfie kept because its guest asked for it (by default photos are read in memory
    and discarded)."""

    reading = models.OneToOneField(MoodReading, on_delete=models.CASCADE, related_name="photo")
    content_type = models.CharField(max_length=32)
    image = models.BinaryField()

    def __str__(self) -> str:
        return f"photo of reading {self.reading_id}"


class MoodSong(models.Model):
    """What the platform learns for "songs for a mood": how well a song went down with
    guests who were in a mood when they rated it (a rating-weighted count)."""

    song = models.ForeignKey("catalog.Song", on_delete=models.CASCADE, related_name="mood_fits")
    mood = models.CharField(max_length=16, choices=Mood.choices)
    evidence = models.FloatField(default=0.0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["song", "mood"], name="mood_song_once")]
        indexes = [models.Index(fields=["mood", "-evidence"])]

    def __str__(self) -> str:
        return f"{self.song_id} in a {self.mood} mood: {self.evidence:+.2f}"
