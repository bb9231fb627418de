from django.apps import AppConfig


class RecommendConfig(AppConfig):
    name = "liveparty.recommend"
    label = "recommend"

    def ready(self) -> None:
        from liveparty.recommend import learning

        learning.connect()
