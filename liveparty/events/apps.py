from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "liveparty.events"
    label = "events"
