"""Each server process reports its own count; the sum over fresh reports is the presence."""

from django.db import models


class PresenceReport(models.Model):
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="presence_reports")
    process = models.CharField(max_length=64)
    guests = models.PositiveIntegerField()
    reported_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "process"], name="one_report_per_process")]

    def __str__(self) -> str:
        return f"{self.guests} guests of event {self.event_id} on {self.process}"
