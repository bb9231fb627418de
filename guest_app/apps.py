from django.apps import AppConfig


class GuestAppConfig(AppConfig):
    name = "guest_app"
