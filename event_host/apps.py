from django.apps import AppConfig


class EventHostConfig(AppConfig):
    name = "event_host"
