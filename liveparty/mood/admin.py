from django.contrib import admin

from liveparty.mood.models import MoodReading


@admin.register(MoodReading)
class MoodReadingAdmin(admin.ModelAdmin):
    list_display = ("guest", "mood", "source", "created_at")
    list_filter = ("mood", "source")
