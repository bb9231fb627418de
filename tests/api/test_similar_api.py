"""The guest page's "you might also request": songs that go with the one playing."""

from liveparty import actions
from tests.api.conftest import account_headers, assert_error, guest_headers
from tests.recommend.conftest import _registry, scenes  # noqa: F401 (fixtures)


def test_a_guest_gets_songs_that_go_with_the_one_playing(api, event, dj, guest, scenes):  # noqa: F811
    rock = scenes["rock"]
    actions.play(event, dj, actions.request_song(guest, rock[0].pk).pk)
    actions.block(event, dj, rock[2].pk)
    status, body = api.get(f"/api/events/{event.code}/songs/{rock[0].pk}/similar", guest_headers(event, "Gus"))
    assert status == 200
    ids = [item["song"]["id"] for item in body["results"]]
    assert ids
    assert set(ids) <= {song.pk for song in rock[1:]} | {scenes["bridge"][0].pk}
    assert rock[2].pk not in ids
    assert all(item["reason"] for item in body["results"])


def test_only_the_party_sees_it_and_an_unknown_song_is_not_found(api, event, outsider, scenes):  # noqa: F811
    song = scenes["jazz"][0]
    assert_error(
        api.get(f"/api/events/{event.code}/songs/{song.pk}/similar", account_headers(outsider)), 403, "forbidden"
    )
    assert_error(
        api.get(f"/api/events/{event.code}/songs/999999/similar", guest_headers(event, "Gina")), 404, "not_found"
    )
