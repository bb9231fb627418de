from django.apps import AppConfig


class MoodConfig(AppConfig):
    name = "liveparty.mood"
    label = "mood"

    def ready(self) -> None:
        from liveparty.mood.services import learn_from_rating
        from liveparty.requests.models import Rating
        from liveparty.requests.signals import rating_given

        rating_given.connect(learn_from_rating, sender=Rating, dispatch_uid="mood.learn_from_rating")
