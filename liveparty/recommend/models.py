"""The recommendation engine's registry and what it learns.

`Algorithm` names each scoring function the suggestion blend runs (the callable is a
dotted path, so adding one is a row and a function); `ScalingFactors` holds the knobs of
a whole algorithm type, so tuning is a data change, not a deploy. `TrackCoefficient` is
what ratings and DJ feedback teach: one number per track, per algorithm, per scope.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from liveparty.clock import iso


class AlgorithmType(models.TextChoices):
    RATING = "rating", "Learns from guests' ratings"
    FEEDBACK = "feedback", "Learns from the DJ's accepts and denials"
    SIMILARITY = "similarity", "Co-occurrence with what is playing or asked for"
    MOOD = "mood", "Fit with the crowd's mood"
    POPULARITY = "popularity", "Popular tracks (cold start)"
    EXPLORATION = "exploration", "Random picks away from a badly rated track"


class Scope(models.TextChoices):
    """Whose taste a coefficient describes."""

    ACCOUNT = "account"  # a DJ's, across every party they play
    GUEST = "guest"  # one guest's, at one party
    EVENT = "event"  # one party's crowd


class ScalingFactors(models.Model):
    """The knobs of one algorithm type.

    A rating of `score` moves a coefficient's evidence by `(score - pivot) * like` (at or
    above the pivot) or `* dislike` (below it); `weight` is the type's share in the blend.
    """

    algorithm_type = models.CharField(max_length=16, choices=AlgorithmType.choices, unique=True)
    weight = models.FloatField(default=1.0)
    like = models.FloatField(default=1.0)
    dislike = models.FloatField(default=1.0)
    pivot = models.FloatField(default=3.0)

    class Meta:
        verbose_name_plural = "scaling factors"
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=0, like__gte=0, dislike__gte=0), name="scaling_non_negative")
        ]

    def __str__(self) -> str:
        return f"{self.algorithm_type}: weight {self.weight}, like {self.like}, dislike {self.dislike}"


class Algorithm(models.Model):
    name = models.SlugField(max_length=40, unique=True)
    description = models.CharField(max_length=200)
    algorithm_type = models.CharField(max_length=16, choices=AlgorithmType.choices)
    # Dotted path of the function that scores candidates (liveparty/recommend/algorithms.py).
    callable = models.CharField(max_length=200)
    # For the learning types: whose coefficients the algorithm keeps.
    scope = models.CharField(max_length=8, choices=Scope.choices, blank=True)
    enabled = models.BooleanField(default=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(algorithm_type__in=["rating", "feedback"], scope__in=Scope.values)
                | (~Q(algorithm_type__in=["rating", "feedback"]) & Q(scope="")),
                name="algorithm_scope_only_when_learning",
            )
        ]

    def __str__(self) -> str:
        return self.name


class TrackCoefficient(models.Model):
    """How much one scope likes one track, by one algorithm: in (-1, 1), 0 when unknown.

    `evidence` adds up what the ratings said; `coefficient` is that evidence through
    the algorithm's scaling (coefficients.py), kept beside it to sort on.
    """

    song = models.ForeignKey("catalog.Song", on_delete=models.CASCADE, related_name="coefficients")
    algorithm = models.ForeignKey(Algorithm, on_delete=models.CASCADE, related_name="coefficients")
    scope = models.CharField(max_length=8, choices=Scope.choices)
    account = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True)
    guest = models.ForeignKey("accounts.Guest", on_delete=models.CASCADE, null=True, blank=True)
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, null=True, blank=True)
    evidence = models.FloatField(default=0.0)
    coefficient = models.FloatField(default=0.0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-coefficient", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scope="account", account__isnull=False, guest__isnull=True, event__isnull=True)
                | Q(scope="guest", account__isnull=True, guest__isnull=False, event__isnull=True)
                | Q(scope="event", account__isnull=True, guest__isnull=True, event__isnull=False),
                name="coefficient_has_one_scope",
            ),
            models.CheckConstraint(condition=Q(coefficient__gt=-1, coefficient__lt=1), name="coefficient_in_range"),
            models.UniqueConstraint(
                fields=["song", "algorithm", "account"], condition=Q(scope="account"), name="coefficient_once_account"
            ),
            models.UniqueConstraint(
                fields=["song", "algorithm", "guest"], condition=Q(scope="guest"), name="coefficient_once_guest"
            ),
            models.UniqueConstraint(
                fields=["song", "algorithm", "event"], condition=Q(scope="event"), name="coefficient_once_event"
            ),
        ]
        indexes = [
            models.Index(fields=["algorithm", "event", "-coefficient"], name="coefficient_event_best"),
            models.Index(fields=["algorithm", "account", "-coefficient"], name="coefficient_account_best"),
            models.Index(fields=["algorithm", "guest", "-coefficient"], name="coefficient_guest_best"),
        ]

    def __str__(self) -> str:
        return f"{self.algorithm} {self.scope}: {self.song_id} = {self.coefficient:+.3f}"

    @property
    def public(self) -> dict:
        return {
            "song_id": self.song_id,
            "algorithm": self.algorithm.name,
            "scope": self.scope,
            "coefficient": self.coefficient,
            "updated_at": iso(self.updated_at),
        }
