from django.apps import AppConfig


class DjConsoleConfig(AppConfig):
    name = "dj_console"
