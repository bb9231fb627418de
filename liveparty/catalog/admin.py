from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from liveparty.catalog.models import Song
from liveparty.catalog.search import catalog_changed


@admin.register(Song)
class SongAdmin(admin.ModelAdmin):
    list_display = ("title", "artist", "album", "duration_ms", "explicit")
    list_filter = ("explicit",)
    search_fields = ("title", "artist", "album", "isrc", "spotify_id")

    def save_model(self, request: HttpRequest, obj: Model, form: object, change: bool) -> None:
        super().save_model(request, obj, form, change)
        catalog_changed()

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        super().delete_model(request, obj)
        catalog_changed()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        super().delete_queryset(request, queryset)
        catalog_changed()
