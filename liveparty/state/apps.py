from django.apps import AppConfig


class StateConfig(AppConfig):
    name = "liveparty.state"
    label = "state"
