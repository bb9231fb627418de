from django.contrib import admin

from liveparty.presence.models import PresenceReport


@admin.register(PresenceReport)
class PresenceReportAdmin(admin.ModelAdmin):
    list_display = ("event", "process", "guests", "reported_at")
