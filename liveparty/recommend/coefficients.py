"""Track coefficients: what ratings and DJ feedback teach, per algorithm and scope.

The original design scaled a track's evidence with f(x) = 1 / (1 + 1 / (1 + x)): 0.5 at
no evidence, rising towards 1 as the evidence grows. A coefficient is that curve made
signed and centred, so that a track nobody rated counts as 0 and a disliked one goes
negative:

    coefficient(e) = sign(e) * (2 * f(|e|) - 1) = e / (2 + |e|)        in (-1, 1)

Evidence adds up (score - pivot) times the type's `like` or `dislike` factor, so one
rating moves a fresh track a long way and the hundredth barely moves a settled one.
Updates are single UPDATE statements on the stored evidence (never read-modify-write),
so ratings arriving together all count.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Abs

from liveparty.recommend.defaults import install
from liveparty.recommend.models import Algorithm, AlgorithmType, ScalingFactors, TrackCoefficient


def scaling(x: float) -> float:
    """The original design's scaling of non-negative evidence: 0.5 at 0, towards 1."""
    return 1 / (1 + 1 / (1 + x))


def coefficient_of(evidence: float) -> float:
    """The signed, centred scaling: 0 for no evidence, in (-1, 1)."""
    sign = 1 if evidence >= 0 else -1
    return sign * (2 * scaling(abs(evidence)) - 1)


def evidence_of(score: float, factors: ScalingFactors) -> float:
    """What one rating (or one piece of DJ feedback, as a score) says about a track."""
    difference = score - factors.pivot
    return difference * (factors.like if difference >= 0 else factors.dislike)


def factors_for(algorithm_type: str) -> ScalingFactors:
    """A type's factors (call learning_algorithms first: it installs the registry if empty)."""
    factors = ScalingFactors.objects.filter(algorithm_type=algorithm_type).first()
    return factors if factors is not None else ScalingFactors(algorithm_type=algorithm_type)


def ensure_registry() -> None:
    """The registry is never empty: install the defaults where it is."""
    if not Algorithm.objects.exists():
        install(Algorithm, ScalingFactors)


def learning_algorithms(algorithm_type: AlgorithmType) -> list[Algorithm]:
    ensure_registry()
    return list(Algorithm.objects.filter(algorithm_type=algorithm_type, enabled=True))


def add_evidence(algorithm: Algorithm, song_id: int, owner: dict, amount: float) -> None:
    """Add to one track's evidence in one scope (`owner`: {"event": ...}, {"guest": ...}
    or {"account": ...}) and rescale its coefficient, in one statement."""
    if amount == 0:
        return
    match = {"song_id": song_id, "algorithm": algorithm, "scope": algorithm.scope, **owner}
    new_evidence = F("evidence") + amount
    updated = TrackCoefficient.objects.filter(**match).update(
        evidence=new_evidence, coefficient=new_evidence / (2 + Abs(new_evidence))
    )
    if updated:
        return
    try:
        with transaction.atomic():
            TrackCoefficient.objects.create(**match, evidence=amount, coefficient=coefficient_of(amount))
    except IntegrityError:  # somebody else created it first: add to theirs
        TrackCoefficient.objects.filter(**match).update(
            evidence=new_evidence, coefficient=new_evidence / (2 + Abs(new_evidence))
        )


def coefficients(algorithm_name: str, owner: dict) -> dict[int, float]:
    """song id -> coefficient for one algorithm and scope, best first; absent means 0."""
    query = TrackCoefficient.objects.filter(algorithm__name=algorithm_name, algorithm__enabled=True, **owner)
    return dict(query.order_by("-coefficient", "pk").values_list("song_id", "coefficient"))
