from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from liveparty.accounts.models import AccountToken, Guest, SpotifyLink, User


@admin.register(User)
class LivePartyUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("LiveParty", {"fields": ("display_name",)}))
    add_fieldsets = (*UserAdmin.add_fieldsets, ("LiveParty", {"fields": ("display_name",)}))
    list_display = ("username", "display_name", "email", "is_staff", "is_active")


@admin.register(AccountToken)
class AccountTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at")
    readonly_fields = ("user", "key_hash", "created_at")
    search_fields = ("user__username",)


@admin.register(Guest)
class GuestAdmin(admin.ModelAdmin):
    list_display = ("nickname", "event", "joined_at")
    list_filter = ("event",)
    readonly_fields = ("token_hash",)
    search_fields = ("nickname", "event__code")


@admin.register(SpotifyLink)
class SpotifyLinkAdmin(admin.ModelAdmin):
    """Who connected which Spotify account; the sealed tokens stay out of sight."""

    list_display = ("user", "spotify_user", "connected_at")
    exclude = ("sealed_token",)
    readonly_fields = ("user", "spotify_user", "redirect_uri", "connected_at")
    search_fields = ("user__username", "spotify_user")
