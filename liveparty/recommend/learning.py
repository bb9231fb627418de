"""What the engine learns from a party: ratings and the DJ's accepts and denials move
track coefficients. Called by the actions (liveparty/actions/) after the change has
committed: learning needs no event lock, and a rating is counted once it is stored."""

from django.db import transaction

from liveparty.events.models import DJMembership
from liveparty.recommend.coefficients import add_evidence, evidence_of, factors_for, learning_algorithms
from liveparty.recommend.models import AlgorithmType, Scope
from liveparty.song_requests.models import Rating, SongRequest

# DJ feedback read as a rating: an accept as one point above the pivot, a denial one below.
VERDICT_SCORES = {"accepted": 1.0, "denied": -1.0}


def owners(scope: str, event_id: int, guest_id: int | None) -> list[dict]:
    """Whose coefficients a piece of evidence moves (a DJ's own pick has no guest)."""
    if scope == Scope.EVENT:
        return [{"event_id": event_id}]
    if scope == Scope.GUEST:
        return [{"guest_id": guest_id}] if guest_id is not None else []
    djs = DJMembership.objects.filter(event_id=event_id).values_list("dj_id", flat=True)
    return [{"account_id": dj} for dj in djs]


def learn_from_rating(rating: Rating, previous_score: int | None) -> None:
    """A changed rating moves the coefficients by the difference: a guest's latest word counts once."""
    algorithms = learning_algorithms(AlgorithmType.RATING)
    factors = factors_for(AlgorithmType.RATING)
    amount = evidence_of(rating.score, factors)
    if previous_score is not None:
        amount -= evidence_of(previous_score, factors)
    song_request = rating.song_request
    with transaction.atomic():
        for algorithm in algorithms:
            for owner in owners(algorithm.scope, song_request.event_id, rating.guest_id):
                add_evidence(algorithm, song_request.song_id, owner, amount)


def learn_from_feedback(song_request: SongRequest, verdict: str) -> None:
    """The DJ's accepts and denials, a signal for this event only."""
    algorithms = learning_algorithms(AlgorithmType.FEEDBACK)
    factors = factors_for(AlgorithmType.FEEDBACK)
    amount = evidence_of(factors.pivot + VERDICT_SCORES[verdict], factors)
    with transaction.atomic():
        for algorithm in algorithms:
            for owner in owners(algorithm.scope, song_request.event_id, song_request.requested_by_id):
                add_evidence(algorithm, song_request.song_id, owner, amount)
