"""A DJ's Spotify account, for saving played playlists there: spotipy's authorization
code flow, the tokens sealed in the DJ's SpotifyLink (never in a file), refreshed by
spotipy when they expire. The import (catalog/spotify.py) needs no account: it reads
public playlists with the app's own credentials."""

import json

import spotipy
from django.conf import settings
from spotipy.cache_handler import CacheHandler

from liveparty.accounts.models import SpotifyLink, User
from liveparty.accounts.sealed import Unsealable, seal, unseal
from liveparty.errors import Conflict

# What LiveParty asks of a DJ's account: to make private playlists, nothing else.
SCOPES = "playlist-modify-private"
# Seconds one call to Spotify may take; a party's Wi-Fi can be slow, a DJ should not wait longer.
TIMEOUT_S = 20


class LinkTokens(CacheHandler):
    """spotipy's token cache, sealed in the SpotifyLink (or held until there is one)."""

    def __init__(self, link: SpotifyLink | None = None) -> None:
        self.link = link
        self.pending: dict | None = None

    def get_cached_token(self) -> dict | None:
        if self.link is None:
            return self.pending
        try:
            return json.loads(unseal(self.link.sealed_token))
        except Unsealable:
            return None

    def save_token_to_cache(self, token_info: dict) -> None:
        if self.link is None:
            self.pending = token_info
            return
        self.link.sealed_token = seal(json.dumps(token_info))
        self.link.save(update_fields=["sealed_token"])


def _require_app() -> None:
    if not settings.SPOTIFY_CLIENT_ID or not settings.SPOTIFY_CLIENT_SECRET:
        raise Conflict(
            "This LiveParty has no Spotify app: its operator sets SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET.",
            code="spotify_not_configured",
        )


def _oauth(tokens: LinkTokens, redirect_uri: str | None = None, state: str | None = None) -> spotipy.SpotifyOAuth:
    _require_app()
    manager = spotipy.SpotifyOAuth(
        client_id=settings.SPOTIFY_CLIENT_ID,
        client_secret=settings.SPOTIFY_CLIENT_SECRET,
        redirect_uri=redirect_uri,
        state=state,
        scope=SCOPES,
        cache_handler=tokens,
        open_browser=False,
        requests_timeout=TIMEOUT_S,
    )
    manager.OAUTH_AUTHORIZE_URL = settings.SPOTIFY_AUTHORIZE_URL
    manager.OAUTH_TOKEN_URL = settings.SPOTIFY_TOKEN_URL
    return manager


def _client(auth: spotipy.SpotifyOAuth | str) -> spotipy.Spotify:
    client = (
        spotipy.Spotify(auth=auth, requests_timeout=TIMEOUT_S)
        if isinstance(auth, str)
        else spotipy.Spotify(auth_manager=auth, requests_timeout=TIMEOUT_S)
    )
    client.prefix = settings.SPOTIFY_API_URL
    return client


def authorize_url(redirect_uri: str, state: str) -> str:
    """Where the DJ's browser goes to let LiveParty make playlists in their account."""
    return _oauth(LinkTokens(), redirect_uri, state).get_authorize_url(state)


def connect(user: User, code: str, redirect_uri: str) -> SpotifyLink:
    """The code Spotify sent back becomes the DJ's tokens; connecting again replaces them."""
    tokens = LinkTokens()
    manager = _oauth(tokens, redirect_uri)
    try:
        access_token = manager.get_access_token(code, as_dict=False, check_cache=False)
        me = _client(access_token).me()
    except (spotipy.SpotifyOauthError, spotipy.SpotifyException) as refusal:
        raise Conflict(
            "Spotify did not accept the connection: try connecting again.", code="spotify_refused"
        ) from refusal
    sealed = seal(json.dumps(tokens.pending))
    link, _ = SpotifyLink.objects.update_or_create(
        user=user, defaults={"spotify_user": me["id"], "sealed_token": sealed, "redirect_uri": redirect_uri}
    )
    return link


def client_of(user: User) -> spotipy.Spotify:
    """A client acting as the DJ's account; refused clearly when none is connected."""
    link = SpotifyLink.objects.filter(user=user).first()
    if link is None or LinkTokens(link).get_cached_token() is None:
        raise Conflict("Connect your Spotify account first: the playlist is saved in it.", code="spotify_not_connected")
    return _client(_oauth(LinkTokens(link), link.redirect_uri))


def is_connected(user: User) -> bool:
    return SpotifyLink.objects.filter(user=user).exists()


def disconnect(user: User) -> None:
    SpotifyLink.objects.filter(user=user).delete()
