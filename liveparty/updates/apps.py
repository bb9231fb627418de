from django.apps import AppConfig


class UpdatesConfig(AppConfig):
    name = "liveparty.updates"
    label = "updates"
