"""Event crates: the DJ picks what is on offer; guests search and request only that."""

import pytest

from liveparty.catalog.models import Playlist, PlaylistTrack, Song
from tests.api.conftest import account_headers, assert_error, guest_headers


@pytest.fixture
def shelf(db):
    """Two genres and a playlist, beside the personas' songs."""
    rock = [Song.objects.create(title=f"Rock {i}", artist="Band", genre="Rock") for i in range(3)]
    jazz = [Song.objects.create(title=f"Jazz {i}", artist="Trio", genre="Jazz") for i in range(3)]
    mix = Playlist.objects.create(name="Party mix", source="chinook", source_id="1")
    PlaylistTrack.objects.create(playlist=mix, song=jazz[0], position=1)
    return {"rock": rock, "jazz": jazz, "mix": mix}


def titles(api, event, headers, query="") -> list[str]:
    status, body = api.get(f"/api/events/{event.code}/songs?q={query}", headers)
    assert status == 200, body
    return sorted(song["title"] for song in body["results"])


def test_without_picks_the_whole_catalog_is_on_offer(api, event, shelf, dj):
    status, body = api.get(f"/api/events/{event.code}/crate", account_headers(dj))
    assert (status, body) == (200, {"whole_catalog": True, "picks": []})
    assert len(titles(api, event, guest_headers(event, "Gina"))) == Song.objects.count()


def test_guests_search_only_what_the_dj_picked(api, event, shelf, dj):
    headers = account_headers(dj)
    assert api.post(f"/api/events/{event.code}/crate", {"genre": "Rock"}, headers)[0] == 201
    assert api.post(f"/api/events/{event.code}/crate", {"playlist_id": shelf["mix"].pk}, headers)[0] == 201
    song = shelf["jazz"][2]
    status, pick = api.post(f"/api/events/{event.code}/crate", {"song_id": song.pk}, headers)  # on the fly
    assert (status, pick["kind"], pick["song"]["title"]) == (201, "song", "Jazz 2")
    guest = guest_headers(event, "Gina")
    assert titles(api, event, guest) == ["Jazz 0", "Jazz 2", "Rock 0", "Rock 1", "Rock 2"]
    assert titles(api, event, guest, "jazz") == ["Jazz 0", "Jazz 2"]
    _, crate = api.get(f"/api/events/{event.code}/crate", guest)
    assert [p["kind"] for p in crate["picks"]] == ["genre", "playlist", "song"]


def test_a_song_outside_the_crate_cannot_be_requested(api, event, shelf, dj):
    api.post(f"/api/events/{event.code}/crate", {"genre": "Rock"}, account_headers(dj))
    guest = guest_headers(event, "Gina")
    result = api.post(f"/api/events/{event.code}/requests", {"song_id": shelf["jazz"][1].pk}, guest)
    assert_error(result, 409, "not_in_crate")
    assert api.post(f"/api/events/{event.code}/requests", {"song_id": shelf["rock"][0].pk}, guest)[0] == 201


def test_removing_the_last_pick_offers_the_whole_catalog_again(api, client, event, shelf, dj):
    headers = account_headers(dj)
    _, pick = api.post(f"/api/events/{event.code}/crate", {"genre": "Jazz"}, headers)
    response = client.delete(f"/api/events/{event.code}/crate/{pick['id']}", headers=headers)
    assert response.status_code == 204
    assert api.get(f"/api/events/{event.code}/crate", headers)[1]["whole_catalog"] is True


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({}, 400, "invalid"),
        ({"genre": "Rock", "song_id": 1}, 400, "invalid"),
        ({"genre": "Polka"}, 404, "not_found"),
        ({"playlist_id": 999}, 404, "not_found"),
        ({"song_id": 999_999}, 404, "not_found"),
    ],
)
def test_bad_picks_are_refused(api, event, shelf, dj, body, status, code):
    assert_error(api.post(f"/api/events/{event.code}/crate", body, account_headers(dj)), status, code)


def test_a_pick_twice_is_a_conflict(api, event, shelf, dj):
    api.post(f"/api/events/{event.code}/crate", {"genre": "Rock"}, account_headers(dj))
    assert_error(
        api.post(f"/api/events/{event.code}/crate", {"genre": "Rock"}, account_headers(dj)), 409, "already_in_crate"
    )


def test_only_the_djs_pick(api, event, shelf, host, outsider):
    for user in (host, outsider):
        assert_error(
            api.post(f"/api/events/{event.code}/crate", {"genre": "Rock"}, account_headers(user)), 403, "forbidden"
        )


def test_the_dj_sees_the_playlists_and_genres_to_pick_from(api, event, shelf, dj):
    _, playlists = api.get("/api/playlists", account_headers(dj))
    assert playlists == [{"id": shelf["mix"].pk, "name": "Party mix", "source": "chinook", "songs": 1}]
    _, genres = api.get("/api/genres", account_headers(dj))
    assert genres == [{"genre": "Jazz", "songs": 3}, {"genre": "Rock", "songs": 3}]
