"""How the engine learns: receivers of the request stack's and the update log's signals.

They run inside the transaction of the change (a rating counts exactly when it is
stored) and leave the expensive part, recomputing and pushing suggestions, to after
the commit (services.suggestions_changed).
"""

from django.db.models.signals import post_delete, post_save

from liveparty.events.models import DJMembership
from liveparty.events.signals import event_ending
from liveparty.recommend.blend import forget_registry
from liveparty.recommend.coefficients import add_evidence, evidence_of, factors_for, learning_algorithms
from liveparty.recommend.models import Algorithm, AlgorithmType, ScalingFactors, Scope
from liveparty.recommend.services import model_changed, suggestions_changed
from liveparty.requests.models import Rating, SongRequest
from liveparty.requests.signals import entry_reviewed, rating_given
from liveparty.updates.models import Kind
from liveparty.updates.signals import update_recorded

# Updates after which the DJ's suggestions may differ (queue moves alone do not matter).
AFFECTING = {
    Kind.REQUEST_CREATED,
    Kind.REQUEST_ASKED,
    Kind.REQUEST_ACCEPTED,
    Kind.REQUEST_DENIED,
    Kind.REQUEST_CANCELLED,
    Kind.NOW_PLAYING_CHANGED,
    Kind.CROWD_MOOD_CHANGED,
}
# DJ feedback read as a rating: an accept as one point above the pivot, a denial one below.
VERDICT_SCORES = {"accepted": 1.0, "denied": -1.0}


def connect() -> None:
    rating_given.connect(learn_from_rating, sender=Rating, dispatch_uid="recommend.learn_from_rating")
    entry_reviewed.connect(learn_from_feedback, sender=SongRequest, dispatch_uid="recommend.learn_from_feedback")
    update_recorded.connect(update_recorded_here, dispatch_uid="recommend.update_recorded")
    event_ending.connect(party_over, dispatch_uid="recommend.party_over")
    for model in (Algorithm, ScalingFactors):
        post_save.connect(forget_registry, sender=model, dispatch_uid=f"recommend.registry_saved.{model.__name__}")
        post_delete.connect(forget_registry, sender=model, dispatch_uid=f"recommend.registry_deleted.{model.__name__}")


def owners(scope: str, event_id: int, guest_id: int | None) -> list[dict]:
    """Whose coefficients a piece of evidence moves (a DJ's own pick has no guest)."""
    if scope == Scope.EVENT:
        return [{"event_id": event_id}]
    if scope == Scope.GUEST:
        return [{"guest_id": guest_id}] if guest_id is not None else []
    djs = DJMembership.objects.filter(event_id=event_id).values_list("dj_id", flat=True)
    return [{"account_id": dj} for dj in djs]


def learn_from_rating(sender: type, rating: Rating, previous_score: int | None, **kwargs: object) -> None:
    """A rating moves the coefficients of every rating algorithm (a changed rating moves
    them by the difference: a guest's latest word counts once)."""
    algorithms = learning_algorithms(AlgorithmType.RATING)
    factors = factors_for(AlgorithmType.RATING)
    amount = evidence_of(rating.score, factors)
    if previous_score is not None:
        amount -= evidence_of(previous_score, factors)
    entry = rating.entry
    for algorithm in algorithms:
        for owner in owners(algorithm.scope, entry.event_id, rating.guest_id):
            add_evidence(algorithm, entry.song_id, owner, amount)
    suggestions_changed(entry.event_id)


def learn_from_feedback(sender: type, entry: SongRequest, verdict: str, **kwargs: object) -> None:
    """The DJ's accepts and denials, a signal for this event only."""
    algorithms = learning_algorithms(AlgorithmType.FEEDBACK)
    factors = factors_for(AlgorithmType.FEEDBACK)
    amount = evidence_of(factors.pivot + VERDICT_SCORES[verdict], factors)
    for algorithm in algorithms:
        for owner in owners(algorithm.scope, entry.event_id, entry.requested_by_id):
            add_evidence(algorithm, entry.song_id, owner, amount)


def update_recorded_here(sender: type, event_id: int, kind: str, **kwargs: object) -> None:
    # The offer (crate, blocklists) is the standing; a new DJ brings their own blocklist;
    # a published crowd mood is part of the standing too.
    if kind in (Kind.OFFER_CHANGED, Kind.DJ_JOINED, Kind.CROWD_MOOD_CHANGED):
        suggestions_changed(event_id, standing=True)
    elif kind in AFFECTING:
        suggestions_changed(event_id)


def party_over(sender: type, event: object, **kwargs: object) -> None:
    """The party's played sequence and its guests' requests are new sessions."""
    model_changed()
