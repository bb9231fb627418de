"""Importing from Spotify with spotipy, against a local fake of the Web API."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from liveparty.catalog.models import Playlist, Song
from tests.fake_spotify import FakeSpotify, track


@pytest.fixture
def spotify(settings):
    with FakeSpotify() as fake:
        settings.SPOTIFY_CLIENT_ID, settings.SPOTIFY_CLIENT_SECRET = fake.credentials
        settings.SPOTIFY_API_URL, settings.SPOTIFY_TOKEN_URL = fake.api_url, fake.token_url
        yield fake


def run(*args: str) -> str:
    out = StringIO()
    call_command("import_spotify", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_it_follows_the_pages_to_the_end_and_keeps_the_order(spotify):
    spotify.add_playlist("big", "Big night", [track(n) for n in range(250)])
    output = run("--playlist", "https://open.spotify.com/playlist/big?si=abc")
    playlist = Playlist.objects.get(source="spotify", source_id="big")
    assert playlist.name == "Big night"
    assert list(playlist.tracks.values_list("song__title", flat=True)) == [f"Song {n}" for n in range(250)]
    song = Song.objects.get(title="Song 42")
    assert (song.spotify_id, song.isrc, song.explicit, song.popularity, song.duration_ms) == (
        "trk0000000000000000042",
        "USAAA0000042",
        True,
        42,
        180_042,
    )
    assert "250/250" in output
    pages = [path for _, path in spotify.requests if path.startswith("GET /v1/playlists/big/")]
    assert len(pages) == 3, pages  # 100 + 100 + 50


@pytest.mark.django_db
def test_importing_again_updates_instead_of_duplicating(spotify):
    spotify.add_playlist("p1", "Warm up", [track(n) for n in range(5)])
    run("--playlist", "spotify:playlist:p1")
    spotify.add_playlist("p1", "Warm up (new name)", [track(n, popularity=99) for n in range(5)])
    run("--playlist", "p1")
    assert Song.objects.count() == 5
    assert set(Song.objects.values_list("popularity", flat=True)) == {99}
    assert Playlist.objects.get().name == "Warm up (new name)"


@pytest.mark.django_db
def test_it_merges_with_a_song_already_in_the_catalog(spotify):
    chinook = Song.objects.create(title="Tuesday", artist="iLoveMakonnen", chinook_id=1)
    by_isrc = Song.objects.create(title="Another Name", artist="Someone", isrc="USAAA0000002")
    spotify.add_playlist(
        "p2",
        "Merges",
        [track(1, name="Tuesday (feat. Drake)", artists=[{"name": "iLoveMakonnen"}, {"name": "Drake"}]), track(2)],
    )
    run("--playlist", "p2")
    assert Song.objects.count() == 2
    chinook.refresh_from_db()
    by_isrc.refresh_from_db()
    assert (chinook.spotify_id, by_isrc.spotify_id) == ("trk0000000000000000001", "trk0000000000000000002")


@pytest.mark.django_db
def test_it_waits_as_a_429_asks_and_carries_on(spotify):
    spotify.add_playlist("p3", "Slow", [track(n) for n in range(150)])
    spotify.rate_limit_next.add("/v1/playlists/p3/tracks?offset=100&limit=100")
    run("--playlist", "p3")
    assert Playlist.objects.get().tracks.count() == 150
    times = [t for t, path in spotify.requests if "offset=100" in path]
    assert len(times) == 2
    assert times[1] - times[0] >= 1.0, "Retry-After: 1 was not honoured"


@pytest.mark.django_db
def test_an_expired_token_is_renewed(spotify):
    spotify.add_playlist("p4", "Long", [track(n) for n in range(150)])
    spotify.expire_token_on.add("/v1/playlists/p4/tracks")
    run("--playlist", "p4")
    assert spotify.tokens_issued == 2
    assert Playlist.objects.get().tracks.count() == 150


@pytest.mark.django_db
def test_a_missing_playlist_is_reported_and_the_others_imported(spotify):
    spotify.add_playlist("ok", "Fine", [track(1)])
    with pytest.raises(CommandError, match="Playlist nope was not found on Spotify"):
        run("--playlist", "nope", "ok")
    assert Playlist.objects.filter(source_id="ok").exists()


@pytest.mark.django_db
def test_search_imports_the_playlists_found(spotify):
    for n in range(3):
        spotify.add_playlist(f"party{n}", f"Party {n}", [track(n)])
    spotify.add_playlist("chill", "Chill", [track(9)])
    run("--search", "party", "--limit", "2")
    assert sorted(Playlist.objects.values_list("name", flat=True)) == ["Party 0", "Party 1"]


@pytest.mark.django_db
def test_wrong_credentials_are_a_sentence(spotify, settings):
    settings.SPOTIFY_CLIENT_SECRET = "wrong"
    spotify.add_playlist("p5", "Any", [track(1)])
    with pytest.raises(CommandError, match="Spotify refused the credentials"):
        run("--playlist", "p5")


@pytest.mark.django_db
def test_missing_credentials_are_a_sentence(settings):
    settings.SPOTIFY_CLIENT_ID = settings.SPOTIFY_CLIENT_SECRET = ""
    with pytest.raises(CommandError, match="Spotify credentials are missing"):
        run("--playlist", "p1")


@pytest.mark.django_db
def test_no_network_is_a_sentence(settings):
    settings.SPOTIFY_CLIENT_ID, settings.SPOTIFY_CLIENT_SECRET = "id", "secret"
    settings.SPOTIFY_TOKEN_URL = "http://127.0.0.1:9/api/token"  # nothing listens on the discard port
    settings.SPOTIFY_API_URL = "http://127.0.0.1:9/v1/"
    with pytest.raises(CommandError, match="Could not reach Spotify"):
        run("--playlist", "p1")
