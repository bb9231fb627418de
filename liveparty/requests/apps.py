from django.apps import AppConfig


class RequestsConfig(AppConfig):
    name = "liveparty.requests"
    label = "requests"
