from django.contrib import admin

from liveparty.song_requests.models import Ask, Rating, SongRequest


class AskInline(admin.TabularInline):
    model = Ask
    extra = 0


@admin.register(SongRequest)
class SongRequestAdmin(admin.ModelAdmin):
    list_display = ("song", "event", "status", "ask_count", "position", "created_at")
    list_filter = ("status", "event")
    search_fields = ("song__title", "song__artist", "event__code")
    inlines = [AskInline]


@admin.register(Ask)
class AskAdmin(admin.ModelAdmin):
    list_display = ("guest", "song_request", "asked_at", "withdrawn_at")


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ("guest", "song_request", "score", "rated_at")
    list_filter = ("score",)
