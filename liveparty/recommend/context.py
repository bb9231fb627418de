"""What the suggestion blend knows about a party at one moment, read in one go.

Reading everything first (a dozen small queries) keeps the algorithms pure functions
of a `PartyContext`: easy to test, and the same wherever they run (in-process or in
the worker).
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q
from django.db.models.functions import Abs

from liveparty.accounts.models import Guest
from liveparty.events.models import DJMembership
from liveparty.events.offer import OnOffer, Refusals
from liveparty.recommend.models import TrackCoefficient
from liveparty.recommend.similarity import SimilarityModel
from liveparty.recommend.standing import standing_of
from liveparty.song_requests.models import OPEN_STATUSES, SongRequest, Status

# Played tracks that seed suggestions besides the one playing, newest first, and how
# much each weighs against the one playing (1.0).
RECENT_SEEDS = (0.6, 0.4, 0.25, 0.15)
# A track whose ratings average below this invites exploring (the scale is 1 to 5).
LOW_RATING = 3.0
# Coefficients each learning algorithm brings (its strongest), and rows read for all.
COEFFICIENT_SEEDS = 20
COEFFICIENT_ROWS = 300
# The crowd's verdict on a track: the ratings of guests the DJs have not muted or banned.
COUNTED = Q(ratings__guest__standing=Guest.Standing.WELCOME)


@dataclass(frozen=True)
class Seed:
    song_id: int
    title: str
    weight: float = 1.0


@dataclass
class PartyContext:
    event_id: int
    model: SimilarityModel
    now_playing: Seed | None = None
    recent: list[Seed] = field(default_factory=list)
    demand: list[tuple[Seed, int]] = field(default_factory=list)  # open requests and their asks
    crowd_mood: dict | None = None
    low_rated: Seed | None = None
    ratings_of_low_rated: int = 0
    excluded_keys: set[str] = field(default_factory=set)  # open, played, denied
    excluded_songs: set[int] = field(default_factory=set)
    refused: Refusals = field(default_factory=Refusals)  # blocked, or explicit under the clean-only rule
    on_offer: OnOffer = field(default_factory=lambda: OnOffer(None, set()))
    guest_id: int | None = None
    # Per learning algorithm, its strongest coefficients in the party's scopes (song -> value).
    coefficients: dict[str, dict[int, float]] = field(default_factory=dict)
    titles: dict[int, str] = field(default_factory=dict)  # of those songs, for the reasons
    # Song ids the algorithms have proposed so far (the mood fit scores these).
    candidates: set[int] = field(default_factory=set)


def read_context(event_id: int, model: SimilarityModel, guest_id: int | None = None) -> PartyContext:
    """A few autocommit queries, no transaction: a change committing between them is
    followed by a refresh of its own (the cache version is read before any of them)."""
    standing = standing_of(event_id)
    song_requests = list(
        SongRequest.objects.filter(event_id=event_id)
        .order_by("-played_at", "pk")
        .values_list("pk", "song_id", "song__title", "status", "ask_count", "match_key")
        .annotate(rating=Avg("ratings__score", filter=COUNTED), ratings=Count("ratings", filter=COUNTED))
    )
    context = PartyContext(
        event_id=event_id,
        model=model,
        crowd_mood=standing.crowd_mood,
        guest_id=guest_id,
        refused=standing.refused,
        on_offer=OnOffer(standing.crate, set()),
    )
    played = []
    verdicts = {}
    for song_request_id, song_id, title, status, asks, match_key, rating, ratings in song_requests:
        verdicts[song_request_id] = (rating, ratings)
        if status in (*OPEN_STATUSES, Status.PLAYED, Status.DENIED):
            context.excluded_keys.add(match_key)
            context.excluded_songs.add(song_id)
        if status == Status.PLAYING:
            context.now_playing = Seed(song_id, title)
            played.insert(0, (song_request_id, song_id, title))
        elif status == Status.PLAYED:
            played.append((song_request_id, song_id, title))
        elif status in (Status.PENDING, Status.QUEUED):
            context.demand.append((Seed(song_id, title), asks))
    history = played[1:] if context.now_playing else played
    context.recent = [
        Seed(song, title, weight) for (_, song, title), weight in zip(history, RECENT_SEEDS, strict=False)
    ]
    if played:  # the latest track's crowd verdict: below LOW_RATING, the blend explores
        song_request_id, song_id, title = played[0]
        rating, ratings = verdicts[song_request_id]
        if ratings and rating < LOW_RATING:
            context.low_rated = Seed(song_id, title)
            context.ratings_of_low_rated = ratings
    _read_coefficients(context)
    return context


def _read_coefficients(context: PartyContext) -> None:
    """What the learning algorithms know about this party's scopes (the event, its DJs'
    accounts, the guest asking), strongest first: one query for all of them."""
    djs = DJMembership.objects.filter(event_id=context.event_id).values("dj_id")
    scopes = Q(event_id=context.event_id) | Q(account_id__in=djs)
    if context.guest_id is not None:
        scopes |= Q(guest_id=context.guest_id)
    rows = (
        TrackCoefficient.objects.filter(scopes, algorithm__enabled=True)
        .annotate(strength=Abs("coefficient"))
        .order_by("-strength", "pk")
        .values_list("algorithm__name", "song_id", "song__title", "coefficient")[:COEFFICIENT_ROWS]
    )
    for algorithm, song, title, coefficient in rows:
        learned = context.coefficients.setdefault(algorithm, {})
        if song in learned or len(learned) < COEFFICIENT_SEEDS:  # several DJs' accounts add up
            learned[song] = learned.get(song, 0.0) + coefficient
            context.titles[song] = title
