"""The bundled Chinook catalog loads completely and a second load changes nothing."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from liveparty.catalog.models import Playlist, PlaylistTrack, Song
from tests.needs import unavailable

CHINOOK_TRACKS, CHINOOK_PLAYLISTS, CHINOOK_PLAYLIST_TRACKS = 3503, 18, 8715


@pytest.fixture
def fixture_path():
    if not settings.CHINOOK_FIXTURE.exists():
        unavailable(f"needs {settings.CHINOOK_FIXTURE} (`make catalog` fetches it)")
    return settings.CHINOOK_FIXTURE


def catalog_rows() -> tuple:
    songs = list(
        Song.objects.order_by("chinook_id").values_list("chinook_id", "title", "artist", "album", "popularity")
    )
    tracks = list(PlaylistTrack.objects.order_by("playlist__source_id", "position").values_list("song__chinook_id"))
    return songs, list(Playlist.objects.order_by("source_id").values_list("source_id", "name")), tracks


def test_it_loads_chinook_and_loading_again_leaves_the_same_rows(db, fixture_path, capsys):
    call_command("load_catalog", fixture=fixture_path)
    first = catalog_rows()
    call_command("load_catalog", fixture=fixture_path)
    assert catalog_rows() == first
    songs, playlists, tracks = first
    assert (len(songs), len(playlists), len(tracks)) == (CHINOOK_TRACKS, CHINOOK_PLAYLISTS, CHINOOK_PLAYLIST_TRACKS)
    assert "0 new, 0 updated" in capsys.readouterr().out


def test_the_catalog_is_real_music_with_its_details(db, fixture_path):
    call_command("load_catalog", fixture=fixture_path)
    song = Song.objects.get(title="For Those About To Rock (We Salute You)")
    assert (song.artist, song.album, song.genre, song.duration_ms) == (
        "AC/DC",
        "For Those About To Rock We Salute You",
        "Rock",
        343719,
    )
    assert song.composer == "Angus Young, Malcolm Young, Brian Johnson"
    assert Song.objects.filter(popularity__gt=0).exists()


def test_a_missing_fixture_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="make catalog"):
        call_command("load_catalog", fixture=tmp_path / "nope.json")
