from django.apps import AppConfig


class MoodConfig(AppConfig):
    name = "liveparty.mood"
    label = "mood"
