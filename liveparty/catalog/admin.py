from django.contrib import admin

from liveparty.catalog.models import Song


@admin.register(Song)
class SongAdmin(admin.ModelAdmin):
    list_display = ("title", "artist", "album", "duration_ms", "explicit")
    list_filter = ("explicit",)
    search_fields = ("title", "artist", "album", "isrc", "spotify_id")
