"""The song-of-the-night poll: after the party, each guest votes for one of the most
requested songs, and may change their vote until the host or a DJ closes the poll."""

from django.conf import settings
from django.db import models


class Poll(models.Model):
    """An ended party's poll: open until `closed_at`. Made on the first vote or the close,
    and locked by every vote, so that a vote never lands in a poll being closed."""

    event = models.OneToOneField("events.Event", on_delete=models.CASCADE, primary_key=True, related_name="poll")
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)

    def __str__(self) -> str:
        return f"poll of event {self.event_id} ({'closed' if self.closed_at else 'open'})"


class Vote(models.Model):
    """One vote per guest (a guest belongs to one party); changing it moves it."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    guest = models.OneToOneField("accounts.Guest", on_delete=models.CASCADE, related_name="vote")
    song = models.ForeignKey("catalog.Song", on_delete=models.PROTECT, related_name="votes")
    voted_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["poll", "song"])]

    def __str__(self) -> str:
        return f"{self.guest} votes for {self.song_id}"
