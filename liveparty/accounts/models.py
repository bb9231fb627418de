"""Who can act: accounts (any account can host or DJ) and per-event guests."""

from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A Django user with the name shown to the crowd."""

    display_name = models.CharField(max_length=80)

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def public(self) -> dict:
        return {"username": self.username, "display_name": self.display_name or self.username}


class AccountToken(models.Model):
    """A bearer token for programmatic clients; only its hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"token of {self.user.username}"


class Guest(models.Model):
    """A party guest: a nickname at one event, no password; the token is the identity."""

    class Standing(models.TextChoices):
        """What the DJs made of the guest (events/moderation.py). A muted guest watches
        and is not counted; a banned one is shown the door and kept out."""

        WELCOME = "welcome"
        MUTED = "muted"
        BANNED = "banned"

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="guests")
    nickname = models.CharField(max_length=40)
    # What nicknames that look alike share (accounts/nicknames.py): unique per event.
    nickname_key = models.CharField(max_length=160)
    token_hash = models.CharField(max_length=64, unique=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    standing = models.CharField(max_length=8, choices=Standing.choices, default=Standing.WELCOME)
    # A digest of the browser it joined from (its CSRF cookie; blank for a script): a
    # banned guest's browser cannot join the party again under another nickname.
    browser_key = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            # Nicknames name guests on the DJ console and in `askers`: none alike at an event.
            models.UniqueConstraint("event", "nickname_key", name="guest_nickname_unlike_per_event"),
        ]
        indexes = [models.Index(fields=["event", "browser_key"], name="guest_browser_per_event")]

    def __str__(self) -> str:
        return self.nickname

    @property
    def public(self) -> dict:
        return {"id": self.pk, "nickname": self.nickname}


class SpotifyLink(models.Model):
    """A DJ's Spotify account, connected to save played playlists there. Its tokens are
    sealed (accounts/sealed.py): Spotify needs them back as they are, so no hash."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="spotify")
    spotify_user = models.CharField(max_length=128)
    sealed_token = models.TextField()
    # The callback it connected through: spotipy wants one for every later call.
    redirect_uri = models.URLField(max_length=300)
    connected_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.user} on Spotify as {self.spotify_user}"
