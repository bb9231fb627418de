"""Importing playlists from Spotify (spotipy, client-credentials flow).

Only public catalogue data is read: playlists, their tracks in order, artists, ISRC,
explicit flag, popularity and duration (not the audio-features or recommendations
endpoints, which are closed to new applications). Re-importing updates instead of
duplicating: a track is matched by its Spotify id, then its ISRC, then its song key.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import requests
import spotipy
from django.db import transaction
from spotipy.cache_handler import MemoryCacheHandler

from liveparty.catalog.matching import song_key
from liveparty.catalog.models import Playlist, PlaylistTrack, Song
from liveparty.catalog.search import catalog_changed

# Spotify pages playlist tracks by at most 100, searches by at most 50.
TRACKS_PAGE = 100
SEARCH_PAGE = 50
# Retries of one call on 429 (waiting the Retry-After Spotify sends) and 5xx answers.
RETRIES = 5

Progress = Callable[[str, int, int], None]


class SpotifyImportError(Exception):
    """A problem the person running the import can act on, said as a sentence."""


@dataclass
class Imported:
    playlists: list[str] = field(default_factory=list)
    songs_created: int = 0
    songs_updated: int = 0
    failures: list[str] = field(default_factory=list)


class ClientCredentials(spotipy.SpotifyClientCredentials):
    """spotipy's client-credentials manager, with a configurable token endpoint (tests
    point it at a local fake) and the token kept in memory only (never in a file)."""

    def __init__(self, client_id: str, client_secret: str, token_url: str) -> None:
        self.OAUTH_TOKEN_URL = token_url
        super().__init__(client_id, client_secret, cache_handler=MemoryCacheHandler())


class SpotifyImporter:
    def __init__(self, client_id: str, client_secret: str, api_url: str, token_url: str) -> None:
        if not client_id or not client_secret:
            raise SpotifyImportError(
                "Spotify credentials are missing: set SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET "
                "(a Spotify developer app's client id and secret)."
            )
        self.auth = ClientCredentials(client_id, client_secret, token_url)
        self.client = spotipy.Spotify(
            auth_manager=self.auth, retries=RETRIES, status_retries=RETRIES, backoff_factor=0.5, requests_timeout=20
        )
        self.client.prefix = api_url

    def import_playlists(self, playlist_ids: list[str], progress: Progress) -> Imported:
        result = Imported()
        for playlist_id in playlist_ids:
            try:
                self._import_playlist(playlist_id, progress, result)
            except SpotifyImportError as failure:
                result.failures.append(str(failure))
        return result

    def search_playlists(self, query: str, limit: int) -> list[str]:
        """Ids of playlists matching `query` (following the pages up to `limit`)."""
        ids: list[str] = []
        page = self._call(lambda: self.client.search(query, limit=min(SEARCH_PAGE, limit), type="playlist"))
        while page is not None and len(ids) < limit:
            section = page["playlists"]
            ids += [item["id"] for item in section["items"] if item]
            page = self._call(lambda section=section: self.client.next(section)) if section.get("next") else None
        return ids[:limit]

    def _import_playlist(self, playlist_id: str, progress: Progress, result: Imported) -> None:
        about = self._call(lambda: self.client.playlist(playlist_id, fields="id,name,tracks.total"), playlist_id)
        total = about["tracks"]["total"]
        tracks = []
        for track in self._tracks(playlist_id):
            tracks.append(track)
            progress(about["name"], len(tracks), total)
        with transaction.atomic():
            songs = [self._save_song(track, result) for track in tracks]
            catalog_changed()
            playlist, _ = Playlist.objects.update_or_create(
                source=Playlist.Source.SPOTIFY, source_id=about["id"], defaults={"name": about["name"]}
            )
            playlist.tracks.all().delete()
            PlaylistTrack.objects.bulk_create(
                PlaylistTrack(playlist=playlist, song=song, position=i) for i, song in enumerate(songs, 1)
            )
        result.playlists.append(about["name"])

    def _tracks(self, playlist_id: str) -> Iterator[dict]:
        """Every track of a playlist, following Spotify's `next` links to the end."""
        page = self._call(lambda: self.client.playlist_items(playlist_id, limit=TRACKS_PAGE), playlist_id)
        while page is not None:
            for item in page["items"]:
                track = item.get("track")
                if track and track.get("type", "track") == "track" and track.get("id"):
                    yield track
            page = self._call(lambda page=page: self.client.next(page), playlist_id) if page.get("next") else None

    def _save_song(self, track: dict, result: Imported) -> Song:
        title = track["name"]
        artist = ", ".join(artist["name"] for artist in track["artists"])
        isrc = (track.get("external_ids") or {}).get("isrc", "")[:12]
        song = (
            Song.objects.filter(spotify_id=track["id"]).first()
            or (Song.objects.filter(isrc=isrc).first() if isrc else None)
            or Song.objects.filter(match_key=song_key(title, artist)).order_by("pk").first()
        )
        if song is None:
            song = Song(title=title, artist=artist, album=track["album"]["name"])
            result.songs_created += 1
        else:
            result.songs_updated += 1
        song.spotify_id = track["id"]
        song.isrc = isrc or song.isrc
        song.explicit = bool(track.get("explicit"))
        song.popularity = max(song.popularity, track.get("popularity") or 0)
        song.duration_ms = track.get("duration_ms") or song.duration_ms
        song.save()
        return song

    def _call(self, request: Callable[[], dict], playlist_id: str | None = None) -> dict:
        """One Web API call: a new token once if Spotify says the token expired, and each
        failure turned into a sentence."""
        for attempt in range(2):
            try:
                return request()
            except spotipy.SpotifyException as error:
                if error.http_status == 401 and attempt == 0:
                    self.auth.get_access_token(as_dict=False, check_cache=False)
                    continue
                raise SpotifyImportError(_explain(error, playlist_id)) from error
            except spotipy.SpotifyOauthError as error:
                raise SpotifyImportError(
                    "Spotify refused the credentials: check SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET."
                ) from error
            except requests.exceptions.RequestException as error:
                raise SpotifyImportError("Could not reach Spotify: is the network up?") from error
        raise SpotifyImportError("Spotify kept refusing the access token.")


def _explain(error: spotipy.SpotifyException, playlist_id: str | None) -> str:
    if error.http_status == 404 and playlist_id:
        return f"Playlist {playlist_id} was not found on Spotify (is it public, and is the id right?)."
    if error.http_status == 429:
        return "Spotify is rate limiting this app; try again later."
    return f"Spotify answered {error.http_status}: {error.msg.splitlines()[-1].strip()}"


def playlist_id_from(text: str) -> str:
    """An id from an id, a `spotify:playlist:ID` URI or an open.spotify.com link."""
    text = text.strip()
    if "playlist/" in text:
        return text.split("playlist/", 1)[1].split("?", 1)[0].strip("/")
    return text.rsplit(":", 1)[-1]
