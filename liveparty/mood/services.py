"""Mood actions: a guest taps how they feel, or shows it (a selfie the engine reads) and
confirms or corrects the reading; the crowd's mood follows. Songs for a mood."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from liveparty.accounts.models import Guest
from liveparty.catalog.models import Song
from liveparty.errors import Invalid, NotFound
from liveparty.events.models import Event
from liveparty.events.moderation import require_counted
from liveparty.events.offer import on_offer
from liveparty.events.services import lock_live_event
from liveparty.limits import Limit
from liveparty.mood import photos
from liveparty.mood.crowd import HORIZON
from liveparty.mood.genres import prior
from liveparty.mood.models import Mood, MoodPhoto, MoodReading, MoodSong
from liveparty.prepared import Prepared
from liveparty.song_requests.models import OPEN_STATUSES, Rating, SongRequest

# A guest confirms or corrects a camera reading within this long; later, they tap anew.
CONFIRM_WITHIN = timedelta(minutes=10)
# What a rating teaches about a song in the rater's mood: score above or below this.
RATING_PIVOT = 3
SONGS_FOR_MOOD = 8
# A genre fits a mood from this share of its prior up; candidates read per mood.
MIN_FIT = 0.3
POOL = 200
# How a guest feels changes a few times a night, not every second (F3: 200 taps in 3 s).
MOOD_TAPS_PER_GUEST = Limit(
    "mood-taps-guest", 10, timedelta(minutes=1), "That is a lot of moods at once; try again in {wait}."
)
# Each selfie costs the mood engine a read.
SELFIES_PER_GUEST = Limit("selfies-guest", 5, timedelta(minutes=10), "That is a lot of selfies; try again in {wait}.")


def _check_mood(mood: str) -> None:
    if mood not in Mood.values:
        raise Invalid(f"A mood is one of: {', '.join(Mood.values)}.")


def tell_mood(guest: Guest, mood: str, reading_id: int | None = None) -> MoodReading:
    """A tapped mood; or, with `reading_id`, the guest's word on a camera reading (the
    same mood confirms it, another corrects it; the camera's reading is kept beside)."""
    _check_mood(mood)
    require_counted(guest)
    MOOD_TAPS_PER_GUEST.spend(str(guest.pk))
    with transaction.atomic():
        lock_live_event(guest.event_id)
        if reading_id is None:
            reading = MoodReading.objects.create(guest=guest, mood=mood)
        else:
            reading = MoodReading.objects.filter(guest=guest, pk=reading_id, source=MoodReading.Source.CAMERA).first()
            if reading is None:
                raise NotFound("You have no such selfie reading.")
            if timezone.now() - reading.created_at > CONFIRM_WITHIN:
                raise Invalid("That reading is too old to confirm: tap how you feel now.", code="reading_expired")
            reading.mood, reading.confidence, reading.confirmed_at = mood, 1.0, timezone.now()
            reading.save(update_fields=["mood", "confidence", "confirmed_at"])
        return reading


def record_selfie(guest: Guest, found: dict, image_bytes: bytes, content_type: str, *, keep: bool) -> MoodReading:
    """Store what the engine read on a selfie (`found`: detect_mood's reading). The photo
    is discarded unless the guest asked to keep it."""
    with transaction.atomic():
        lock_live_event(guest.event_id)
        reading = MoodReading.objects.create(
            guest=guest,
            mood=found["mood"],
            source=MoodReading.Source.CAMERA,
            confidence=min(1.0, max(0.0, found["confidence"])),
            camera_mood=found["mood"],
            emotion=found["emotion"],
        )
        if keep:
            MoodPhoto.objects.create(reading=reading, content_type="image/jpeg", image=photos.shrunk(image_bytes))
            kept = MoodPhoto.objects.filter(reading__guest=guest).order_by("-reading__created_at", "-pk")
            MoodPhoto.objects.filter(pk__in=list(kept.values_list("pk", flat=True)[photos.KEPT_PER_GUEST :])).delete()
    return reading


def allow_selfie(guest: Guest) -> None:
    """Count a selfie before the engine reads it (the costly part); RateLimited past
    SELFIES_PER_GUEST, refused for a guest whose mood does not count."""
    require_counted(guest)
    SELFIES_PER_GUEST.spend(str(guest.pk))


# Read with every request and ask: compiled once (liveparty/prepared.py).
_latest_mood = Prepared(
    MoodReading,
    {"guest_id": int, "since": datetime},
    lambda guest_id, since: (
        MoodReading.objects.filter(guest_id=guest_id, created_at__gte=since)
        .order_by("-created_at", "-pk")
        .values_list("mood")[:1]
    ),
)


def mood_now(guest_id: int) -> str:
    """The guest's mood as they last told it, if lately (within the crowd mood's horizon:
    a mood told hours ago says little about now); "" when not."""
    latest = _latest_mood.first(guest_id=guest_id, since=timezone.now() - HORIZON)
    return latest[0] if latest is not None else ""


def learn_from_rating(rating: Rating, previous_score: int | None) -> None:
    """A rating teaches which mood the song suits: the rater's mood at the time."""
    mood = mood_now(rating.guest_id)
    if not mood:
        return
    # A changed rating counts by the difference: a guest's latest word counts once.
    amount = rating.score - (previous_score if previous_score is not None else RATING_PIVOT)
    if amount == 0:
        return
    fit, _ = MoodSong.objects.get_or_create(song_id=rating.song_request.song_id, mood=mood)
    MoodSong.objects.filter(pk=fit.pk).update(evidence=F("evidence") + amount)


def songs_for_mood(event: Event, mood: str, n: int = SONGS_FOR_MOOD) -> list[dict]:
    """The songs on offer that fit a mood, best first: the genre prior (genres.py),
    refined by what guests in that mood rated well. Not what is waiting or playing."""
    _check_mood(mood)
    offer = on_offer(event)
    busy = set(SongRequest.objects.filter(event=event, status__in=OPEN_STATUSES).values_list("match_key", flat=True))
    genres = [
        genre
        for genre in Song.objects.order_by().values_list("genre", flat=True).distinct()
        if _prior(genre, mood) >= MIN_FIT
    ]
    pool = Song.objects.filter(genre__in=genres)
    if offer.crate is not None:
        pool = pool.filter(pk__in=offer.crate)
    learned = dict(
        MoodSong.objects.filter(mood=mood, evidence__gt=0)
        .order_by("-evidence")
        .values_list("song_id", "evidence")[:POOL]
    )
    candidates = {song.pk: song for song in pool.order_by("-popularity", "pk")[:POOL]}
    candidates.update(Song.objects.in_bulk(list(learned)))
    scored = []
    for song in candidates.values():
        if song.pk not in offer or song.match_key in busy:
            continue
        prior = _prior(song.genre, mood)
        evidence = learned.get(song.pk, 0.0)
        boost = evidence / (1 + evidence)  # learned fit, on the prior's 0-1 scale: 2 points -> 0.67
        scored.append((prior + boost, song.popularity, -song.pk, song, boost > 0))
    scored.sort(key=lambda item: item[:3], reverse=True)
    feeling = Mood(mood).label.lower()
    chosen, keys = [], set()
    for score, _, _, song, learned_fit in scored:
        if song.match_key in keys:
            continue
        keys.add(song.match_key)
        fits = f"{song.genre or 'It'} suits feeling {feeling}"
        reason = f"guests feeling {feeling} rated it well" if learned_fit else fits
        chosen.append({"song": song.public, "score": round(score, 4), "reason": reason})
        if len(chosen) == n:
            break
    return chosen


def _prior(genre: str, mood: str) -> float:
    return prior(genre).get(mood, 0.0)
