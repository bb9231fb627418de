from django.apps import AppConfig


class PresenceConfig(AppConfig):
    name = "liveparty.presence"
    label = "presence"
