from django.contrib import admin

from liveparty.events.models import DJMembership, Event


class DJMembershipInline(admin.TabularInline):
    model = DJMembership
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "host", "status", "started_at", "ended_at")
    list_filter = ("status",)
    search_fields = ("code", "name", "host__username")
    inlines = [DJMembershipInline]


@admin.register(DJMembership)
class DJMembershipAdmin(admin.ModelAdmin):
    list_display = ("dj", "event", "role", "live", "joined_at")
    list_filter = ("role", "live")
