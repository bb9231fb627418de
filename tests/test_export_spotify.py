"""Saving the played playlist in a DJ's Spotify account (spotipy's authorization code
flow), against the local fake of the Web API: connecting, the tokens sealed, the
playlist made with the played tracks in order, and the clear refusals."""

import json
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client

from liveparty import actions
from liveparty.accounts.models import SpotifyLink
from liveparty.accounts.sealed import seal, unseal
from liveparty.actions import end_event
from liveparty.catalog.models import Song
from tests.api.conftest import Api, account_headers, assert_error, guest_headers
from tests.fake_spotify import FakeSpotify, track


@pytest.fixture
def spotify(settings):
    with FakeSpotify() as fake:
        settings.SPOTIFY_CLIENT_ID, settings.SPOTIFY_CLIENT_SECRET = fake.credentials
        settings.SPOTIFY_API_URL, settings.SPOTIFY_TOKEN_URL = fake.api_url, fake.token_url
        settings.SPOTIFY_AUTHORIZE_URL = fake.authorize_url
        yield fake


def connect(client: Client, spotify: FakeSpotify, back_to: str = "/host/") -> str:
    """The DJ's round trip: to Spotify's page, where they say yes, and back."""
    sent = client.get(f"/host/spotify/connect/?next={back_to}")
    assert sent.status_code == 302
    asked = parse_qs(urlparse(sent["Location"]).query)
    assert asked["scope"] == ["playlist-modify-private"]
    assert asked["redirect_uri"] == ["http://testserver/host/spotify/callback/"]
    back = client.get("/host/spotify/callback/", {"code": spotify.approve(), "state": asked["state"][0]})
    return back["Location"]


@pytest.fixture
def played_night(event, host, dj, guest, songs):
    """Three songs played: one Spotify knows by id, one it finds by ISRC, one it lacks."""
    Song.objects.filter(pk=songs[0].pk).update(spotify_id="trk0000000000000000001")
    Song.objects.filter(pk=songs[1].pk).update(isrc="USAAA0000002")
    for song in songs[:3]:
        actions.play(event, dj, actions.request_song(guest, song.pk).pk)
    end_event(event, host)
    return event


def test_a_dj_connects_and_the_tokens_are_kept_sealed(client, dj, spotify):
    client.force_login(dj)
    assert connect(client, spotify, "/e/ABCDEF/recap/") == "/e/ABCDEF/recap/?spotify=connected"
    link = SpotifyLink.objects.get(user=dj)
    assert link.spotify_user == "dj-dave"
    assert "token-" not in link.sealed_token
    assert "refresh-" not in link.sealed_token
    assert json.loads(unseal(link.sealed_token))["refresh_token"].startswith("refresh-")


def test_an_answer_for_another_browser_or_a_no_connects_nothing(client, dj, spotify):
    client.force_login(dj)
    assert client.get("/host/spotify/callback/", {"code": spotify.approve(), "state": "forged"}).status_code == 400
    sent = client.get("/host/spotify/connect/?next=https://evil.example/")
    state = parse_qs(urlparse(sent["Location"]).query)["state"][0]
    back = client.get("/host/spotify/callback/", {"error": "access_denied", "state": state})
    assert back["Location"] == "/host/?spotify=refused"  # never the foreign `next`
    assert not SpotifyLink.objects.exists()


def test_the_played_songs_make_a_private_playlist_in_order(client, played_night, dj, songs, spotify):
    spotify.tracks = [track(2, name=songs[1].title, external_ids={"isrc": "USAAA0000002"})]
    client.force_login(dj)
    connect(client, spotify)
    status, body = Api(client).post(f"/api/events/{played_night.code}/played/spotify")
    assert status == 201
    made = spotify.made["made1"]
    assert made["uris"] == ["spotify:track:trk0000000000000000001", "spotify:track:trk0000000000000000002"]
    assert (made["public"], made["name"]) == (False, body["name"])
    assert body["name"].startswith("Hana's birthday · ")
    missing = [f"{songs[2].artist} - {songs[2].title}"]
    assert (body["added"], body["missing"], body["url"]) == (2, missing, "https://open.spotify.com/playlist/made1")


def test_an_expired_token_is_refreshed_and_sealed_again(client, played_night, dj, spotify):
    client.force_login(dj)
    connect(client, spotify)
    sealed = SpotifyLink.objects.get(user=dj).sealed_token
    token = json.loads(unseal(sealed))
    token["expires_at"] = 0  # spotipy refreshes a token past its time before using it
    SpotifyLink.objects.filter(user=dj).update(sealed_token=seal(json.dumps(token)))
    assert Api(client).post(f"/api/events/{played_night.code}/played/spotify")[0] == 201
    assert json.loads(unseal(SpotifyLink.objects.get(user=dj).sealed_token))["access_token"] != token["access_token"]


def test_it_refuses_clearly(client, played_night, dj, host, settings, spotify):
    api = Api(client)
    path = f"/api/events/{played_night.code}/played/spotify"
    assert_error(api.post(path, {}, account_headers(dj)), 409, "spotify_not_connected")
    assert_error(api.post(path), 401, "unauthenticated")
    settings.SPOTIFY_CLIENT_ID = ""
    SpotifyLink.objects.create(user=host, spotify_user="x", sealed_token="not sealed", redirect_uri="http://x/")
    assert_error(api.post(path, {}, account_headers(host)), 409, "spotify_not_connected")  # unopenable: connect again


def test_a_guest_cannot_and_an_empty_party_has_nothing_to_save(client, event, host, spotify):
    api = Api(client)
    gus = guest_headers(event, "Gus")
    end_event(event, host)
    assert_error(api.post(f"/api/events/{event.code}/played/spotify", {}, gus), 403, "forbidden")
    assert_error(api.post(f"/api/events/{event.code}/played/spotify", {}, account_headers(host)), 409, "nothing_played")


def test_a_revoked_connection_asks_to_connect_again(client, played_night, dj, spotify):
    client.force_login(dj)
    connect(client, spotify)
    spotify.valid_tokens.clear()
    spotify.refresh_tokens.clear()
    assert_error(Api(client).post(f"/api/events/{played_night.code}/played/spotify"), 409, "spotify_not_connected")
    assert not SpotifyLink.objects.filter(user=dj).exists()


def test_without_a_spotify_app_it_says_whose_job_that_is(client, played_night, dj, settings, spotify):
    client.force_login(dj)
    connect(client, spotify)
    settings.SPOTIFY_CLIENT_ID = ""
    assert_error(Api(client).post(f"/api/events/{played_night.code}/played/spotify"), 409, "spotify_not_configured")
    page = client.get("/host/spotify/connect/")
    assert page.status_code == 409
    assert "its operator sets SPOTIFY_CLIENT_ID" in page.content.decode()
