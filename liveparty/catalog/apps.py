from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "liveparty.catalog"
    label = "catalog"
