"""The night's playlist saved in the DJ's own Spotify account: the songs that played, in
order, as Spotify tracks (by the catalog's Spotify id, else found by ISRC, else by title
and artist); the songs Spotify does not have are named, not dropped silently."""

import requests
import spotipy
from django.utils import formats

from liveparty import access
from liveparty.accounts.models import User
from liveparty.accounts.spotify import client_of, disconnect
from liveparty.catalog.models import Song
from liveparty.errors import Conflict
from liveparty.events.models import Event
from liveparty.song_requests.aggregates import played

# Spotify adds at most 100 tracks to a playlist per call.
ADD_PAGE = 100


def save_to_spotify(event: Event, user: User) -> dict:
    access.require_staff(event, user, "the playlist export")
    songs = [song_request.song for song_request in played(event)]
    if not songs:
        raise Conflict("Nothing was played at this party: there is no playlist to save.", code="nothing_played")
    client = client_of(user)
    name = f"{event.name} · {formats.date_format(event.started_at, 'j M Y')}"
    try:
        found = [(song, _track_uri(client, song)) for song in songs]
        uris = [uri for _, uri in found if uri]
        playlist = client.current_user_playlist_create(
            name, public=False, description=f"What played at {event.name}, in order (LiveParty)."
        )
        for start in range(0, len(uris), ADD_PAGE):
            client.playlist_add_items(playlist["id"], uris[start : start + ADD_PAGE])
    except (spotipy.SpotifyOauthError, spotipy.SpotifyException) as refusal:
        if isinstance(refusal, spotipy.SpotifyOauthError) or refusal.http_status == 401:
            disconnect(user)  # revoked or expired beyond refresh: only a new connection helps
            raise Conflict(
                "Spotify no longer lets LiveParty into your account: connect it again.", code="spotify_not_connected"
            ) from refusal
        raise Conflict("Spotify did not take the playlist: try again in a moment.", code="spotify_failed") from refusal
    except requests.RequestException as failure:
        raise Conflict("Spotify cannot be reached from here right now.", code="spotify_failed") from failure
    return {
        "name": name,
        "url": playlist["external_urls"]["spotify"],
        "added": len(uris),
        "missing": [f"{song.artist} - {song.title}" for song, uri in found if not uri],
    }


def _track_uri(client: spotipy.Spotify, song: Song) -> str | None:
    if song.spotify_id:
        return f"spotify:track:{song.spotify_id}"
    query = f"isrc:{song.isrc}" if song.isrc else f'track:"{song.title}" artist:"{song.artist}"'
    tracks = client.search(query, limit=1, type="track")["tracks"]["items"]
    return tracks[0]["uri"] if tracks else None
