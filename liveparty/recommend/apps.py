from django.apps import AppConfig


class RecommendConfig(AppConfig):
    name = "liveparty.recommend"
    label = "recommend"
