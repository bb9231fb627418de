from django.apps import AppConfig


class ConsumersConfig(AppConfig):
    """An app only for its management command (`protocol_doc`); it has no models."""

    name = "consumers"
