"""The update log: one numbered stream per event."""

from django.db import models


class Kind(models.TextChoices):
    """Update kinds of docs/protocol.md."""

    REQUEST_CREATED = "request.created"
    REQUEST_ASKED = "request.asked"
    REQUEST_ACCEPTED = "request.accepted"
    REQUEST_DENIED = "request.denied"
    REQUEST_CANCELLED = "request.cancelled"
    QUEUE_CHANGED = "queue.changed"
    NOW_PLAYING_CHANGED = "now_playing.changed"
    CROWD_MOOD_CHANGED = "crowd_mood.changed"
    DJ_JOINED = "dj.joined"
    OFFER_CHANGED = "offer.changed"
    EVENT_ENDED = "event.ended"


class Stream(models.Model):
    """The counter behind an event's `seq`.

    Incrementing it takes the row lock until commit, so concurrent changes to one
    event get consecutive numbers in commit order, with no gap and no duplicate.
    """

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, primary_key=True, related_name="stream")
    last_seq = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"stream of event {self.event_id} at {self.last_seq}"


class Update(models.Model):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="updates")
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=32, choices=Kind.choices)
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "seq"], name="update_seq_unique_per_event")]
        # The latest update of a kind (the crowd mood as last published) without a scan.
        indexes = [models.Index(fields=["event", "kind", "-seq"], name="update_latest_of_kind")]
        ordering = ["event", "seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.kind} (event {self.event_id})"

    @property
    def message(self) -> dict:
        """The update as clients receive it."""
        return {"type": "update", "seq": self.seq, "kind": self.kind, "data": self.data}
