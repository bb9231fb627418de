from django.contrib import admin

from liveparty.admin_edits import EditsNoticed
from liveparty.catalog.models import Song
from liveparty.catalog.search import catalog_changed


@admin.register(Song)
class SongAdmin(EditsNoticed):
    list_display = ("title", "artist", "album", "duration_ms", "explicit")
    list_filter = ("explicit",)
    search_fields = ("title", "artist", "album", "isrc", "spotify_id")
    edited = staticmethod(catalog_changed)
