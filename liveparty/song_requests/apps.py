from django.apps import AppConfig


class SongRequestsConfig(AppConfig):
    """Named for the model so that `requests` (the library) and `request` (an HttpRequest)
    keep their meaning; the label stays `requests`, the tables' and migrations' prefix."""

    name = "liveparty.song_requests"
    label = "requests"
