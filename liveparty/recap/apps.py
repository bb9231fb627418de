from django.apps import AppConfig


class RecapConfig(AppConfig):
    name = "liveparty.recap"
    label = "recap"
