"""A guest rates the song playing: the rating is stored with the event locked; once it
has committed, it teaches the recommender (track coefficients) and the mood engine
(which mood the song suits), and the DJs' suggestions follow."""

from django.db import transaction

from liveparty.accounts.models import Guest
from liveparty.mood import services as mood
from liveparty.recommend import learning as recommend
from liveparty.recommend.services import suggestions_changed
from liveparty.song_requests import services as stack
from liveparty.song_requests.models import Rating


def rate(guest: Guest, score: int) -> Rating:
    with transaction.atomic():
        rating, previous_score = stack.rate(guest, score)
        transaction.on_commit(lambda: _learn(rating, previous_score), robust=True)
    return rating


def _learn(rating: Rating, previous_score: int | None) -> None:
    recommend.learn_from_rating(rating, previous_score)
    mood.learn_from_rating(rating, previous_score)
    suggestions_changed(rating.song_request.event_id)
