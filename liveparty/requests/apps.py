from django.apps import AppConfig


class RequestsConfig(AppConfig):
    name = "liveparty.requests"
    label = "requests"

    def ready(self) -> None:
        from liveparty.events.signals import event_ending
        from liveparty.requests.services import close_open_entries

        event_ending.connect(close_open_entries, dispatch_uid="requests.close_open_entries")
