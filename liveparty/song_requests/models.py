"""A song request (one song asked for at one event: "request" on the wire, `song_request`
in code, where `request` is an HttpRequest) and the guests' asks on it."""

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property

from liveparty.clock import iso
from liveparty.mood.models import Mood


class Status(models.TextChoices):
    PENDING = "pending"  # on the stack, waiting for the DJ
    QUEUED = "queued"  # accepted, has a queue position
    PLAYING = "playing"  # now playing (one per event)
    PLAYED = "played"  # history
    DENIED = "denied"
    CANCELLED = "cancelled"  # every ask withdrawn, or the event ended first


OPEN_STATUSES = (Status.PENDING, Status.QUEUED, Status.PLAYING)
WAITING_STATUSES = (Status.PENDING, Status.QUEUED)


class SongRequestQuerySet(models.QuerySet):
    def with_details(self) -> "SongRequestQuerySet":
        """Everything `public` reads, in three queries whatever the number of requests."""
        return self.select_related("song", "requested_by", "picked_by").prefetch_related(
            models.Prefetch("asks", queryset=Ask.objects.select_related("guest"))
        )


class SongRequest(models.Model):
    """`ask_count` counts the active `asks`; it changes only through F() updates.

    A guest's request has `requested_by`; a DJ's own pick (a suggestion put in the queue
    from the console) has `picked_by` instead, and no ask until a guest adds one.
    """

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="song_requests")
    song = models.ForeignKey("catalog.Song", on_delete=models.PROTECT, related_name="song_requests")
    # The song's matching key: the same song from another album or source is this request.
    match_key = models.CharField(max_length=300)
    status = models.CharField(max_length=9, choices=Status.choices, default=Status.PENDING)
    ask_count = models.PositiveIntegerField(default=0)
    requested_by = models.ForeignKey(
        "accounts.Guest", on_delete=models.PROTECT, null=True, blank=True, related_name="first_requests"
    )
    picked_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="picked_song_requests"
    )
    position = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    played_at = models.DateTimeField(null=True, blank=True)  # when it started playing
    closed_at = models.DateTimeField(null=True, blank=True)
    # The crowd's mood as published when the song started ("" before anybody told one):
    # kept with the song so that statistics across many parties need not replay each log.
    crowd_mood = models.CharField(max_length=16, choices=Mood.choices, blank=True)

    objects = SongRequestQuerySet.as_manager()

    class Meta:
        constraints = [
            # A second request for a song on the stack becomes an ask on the open request.
            models.UniqueConstraint(
                fields=["event", "match_key"],
                condition=Q(status__in=OPEN_STATUSES),
                name="one_open_song_request_per_song",
            ),
            models.UniqueConstraint(
                fields=["event", "position"], condition=Q(position__isnull=False), name="queue_position_unique"
            ),
            models.UniqueConstraint(fields=["event"], condition=Q(status=Status.PLAYING), name="one_now_playing"),
            models.CheckConstraint(
                condition=Q(requested_by__isnull=False, picked_by__isnull=True)
                | Q(requested_by__isnull=True, picked_by__isnull=False),
                name="song_request_requested_by_a_guest_or_picked_by_a_dj",
            ),
            models.CheckConstraint(
                condition=Q(status=Status.QUEUED, position__gte=1)
                | (~Q(status=Status.QUEUED) & Q(position__isnull=True)),
                name="position_only_in_queue",
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self) -> str:
        return f"{self.song} [{self.status}] at event {self.event_id}"

    @property
    def public(self) -> dict:
        """The request as every role sees it (docs/protocol.md, "A request")."""
        return {
            "id": self.pk,
            "song": self.song.public,
            "status": self.status,
            "asks": self.ask_count,
            "requested_by": self.requested_by_name,
            "picked_by": self.picked_by_name,
            "askers": self.askers,
            "position": self.position,
            "created_at": iso(self.created_at),
            "played_at": iso(self.played_at),
        }

    # Like the instance's fields, the names `public` shows are read once per instance; the
    # ask path, which reads them with the asks under the event's lock, sets them.

    @cached_property
    def requested_by_name(self) -> str | None:
        return self.requested_by.nickname if self.requested_by_id is not None else None

    @cached_property
    def picked_by_name(self) -> str | None:
        return self.picked_by.public["display_name"] if self.picked_by_id is not None else None

    @cached_property
    def askers(self) -> list[str]:
        """The nicknames of its active asks, earliest first: read once per instance (from
        the asks a queryset prefetched, if it did), like the instance's other fields. A
        caller that knows them already (a request just made has one ask) sets them."""
        active = [ask for ask in self.asks.all() if ask.withdrawn_at is None]
        return [ask.guest.nickname for ask in sorted(active, key=lambda ask: (ask.asked_at, ask.pk))]


class Ask(models.Model):
    """One guest's wish for one request. A withdrawn ask is kept (asking again makes a
    new one): every ask counts against the guest's request rate, so tapping request
    and cancel in a loop cannot flood the stack."""

    song_request = models.ForeignKey(SongRequest, on_delete=models.CASCADE, related_name="asks")
    guest = models.ForeignKey("accounts.Guest", on_delete=models.CASCADE, related_name="asks")
    asked_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The guest's mood when they asked ("" when they had told none lately): found once
    # here rather than for each of a year's asks every time the statistics are read.
    asker_mood = models.CharField(max_length=16, choices=Mood.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["song_request", "guest"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_ask_per_guest_per_song_request",
            )
        ]
        indexes = [models.Index(fields=["guest", "asked_at"])]

    def __str__(self) -> str:
        return f"{self.guest} asks for request {self.song_request_id}"


class Rating(models.Model):
    """A guest's score for a song as it played; rating again replaces the score."""

    song_request = models.ForeignKey(SongRequest, on_delete=models.CASCADE, related_name="ratings")
    guest = models.ForeignKey("accounts.Guest", on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField()
    rated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["song_request", "guest"], name="one_rating_per_guest_per_song_request"),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="rating_score_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.guest} rates request {self.song_request_id}: {self.score}"

    @property
    def public(self) -> dict:
        return {"request_id": self.song_request_id, "score": self.score}
