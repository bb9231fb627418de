from django.contrib import admin

from liveparty.recap.models import Poll, Vote


@admin.register(Poll)
class PollAdmin(admin.ModelAdmin):
    list_display = ("event", "closed_at", "closed_by")


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ("guest", "song", "poll", "voted_at")
    list_select_related = ("guest", "song")
