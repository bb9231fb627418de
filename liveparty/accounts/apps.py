from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "liveparty.accounts"
    label = "accounts"
