from django.contrib import admin

from liveparty.updates.models import Stream, Update


@admin.register(Stream)
class StreamAdmin(admin.ModelAdmin):
    list_display = ("event", "last_seq")


@admin.register(Update)
class UpdateAdmin(admin.ModelAdmin):
    """The log is append-only: readable here, never edited."""

    list_display = ("event", "seq", "kind", "created_at")
    list_filter = ("kind",)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
