from django.contrib import admin

from liveparty.requests.models import Ask, Rating, SongRequest


class AskInline(admin.TabularInline):
    model = Ask
    extra = 0


@admin.register(SongRequest)
class SongRequestAdmin(admin.ModelAdmin):
    list_display = ("song", "event", "status", "asks", "position", "created_at")
    list_filter = ("status", "event")
    search_fields = ("song__title", "song__artist", "event__code")
    inlines = [AskInline]


@admin.register(Ask)
class AskAdmin(admin.ModelAdmin):
    list_display = ("guest", "entry", "asked_at", "withdrawn_at")


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ("guest", "entry", "score", "rated_at")
    list_filter = ("score",)
