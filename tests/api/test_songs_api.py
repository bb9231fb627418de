import pytest

from liveparty.actions import start_event
from liveparty.catalog.models import Song
from liveparty.catalog.services import SEARCH_PAGE_SIZE
from tests.api.conftest import account_headers, assert_error, guest_headers


def test_a_guest_browses_the_songs(api, event, songs):
    status, body = api.get(f"/api/events/{event.code}/songs", guest_headers(event, "Gina"))
    assert status == 200
    assert body["next_page"] is None
    assert {song["title"] for song in body["results"]} == {song.title for song in songs}
    assert set(body["results"][0]) >= {"id", "title", "artist", "album", "duration_ms", "explicit"}


@pytest.mark.parametrize(
    ("query", "titles"),
    [("queen", ["Dancing Queen"]), ("KILLERS", ["Mr. Brightside"]), ("hot fuss", ["Mr. Brightside"]), ("zzz", [])],
)
def test_it_searches_title_artist_and_album(api, event, songs, query, titles):
    _, body = api.get(f"/api/events/{event.code}/songs?q={query.replace(' ', '+')}", guest_headers(event, "Gina"))
    assert [song["title"] for song in body["results"]] == titles


def test_it_pages_through_the_results(api, event, db):
    Song.objects.bulk_create(Song(title=f"Track {i:03}", artist="Band") for i in range(SEARCH_PAGE_SIZE + 3))
    headers = guest_headers(event, "Gina")
    _, first = api.get(f"/api/events/{event.code}/songs?q=track", headers)
    assert (len(first["results"]), first["next_page"]) == (SEARCH_PAGE_SIZE, 2)
    _, second = api.get(f"/api/events/{event.code}/songs?q=track&page=2", headers)
    assert (len(second["results"]), second["next_page"]) == (3, None)
    assert first["results"][-1]["title"] < second["results"][0]["title"]


@pytest.mark.parametrize("who", ["host", "dj"])
def test_the_staff_browse_too(request, api, event, who):
    assert api.get(f"/api/events/{event.code}/songs", account_headers(request.getfixturevalue(who)))[0] == 200


def test_it_refuses_an_outsider_and_a_guest_of_another_event(api, event, outsider, co_dj):
    assert_error(api.get(f"/api/events/{event.code}/songs", account_headers(outsider)), 403, "forbidden")
    other = start_event(outsider, "Elsewhere", co_dj.username)
    assert_error(api.get(f"/api/events/{event.code}/songs", guest_headers(other, "Stranger")), 403, "forbidden")


def test_it_needs_an_identity(api, event):
    assert_error(api.get(f"/api/events/{event.code}/songs"), 401, "unauthenticated")


@pytest.mark.parametrize("params", ["page=0", "page=abc", "page=-1", "page=99999999999", "q=" + "x" * 101])
def test_it_refuses_bad_pages(api, event, params):
    assert_error(api.get(f"/api/events/{event.code}/songs?{params}", guest_headers(event, "Gina")), 400, "invalid")


def test_a_guest_learns_whether_the_dj_picked_tonights_songs(api, event, dj, songs):
    headers = guest_headers(event, "Gina")
    assert api.get(f"/api/events/{event.code}/songs?q=queen", headers)[1]["whole_catalog"] is True
    Song.objects.create(title="So What", artist="Miles Davis", genre="Jazz")
    api.post(f"/api/events/{event.code}/crate", {"genre": "Jazz"}, account_headers(dj))
    _, body = api.get(f"/api/events/{event.code}/songs?q=queen", headers)
    assert (body["results"], body["whole_catalog"]) == ([], False)  # the page can say why


def test_the_staff_see_what_is_on_offer_in_the_whole_catalog(api, event, dj, songs):
    Song.objects.create(title="Queen of Jazz", artist="Trio", genre="Jazz")
    api.post(f"/api/events/{event.code}/crate", {"genre": "Jazz"}, account_headers(dj))
    _, body = api.get(f"/api/events/{event.code}/songs?scope=catalog&q=queen", account_headers(dj))
    assert {song["title"]: song["on_offer"] for song in body["results"]} == {
        "Dancing Queen": False,
        "Queen of Jazz": True,
    }


def test_the_first_screen_is_not_the_catalogs_as(api, event, db):
    """Equally popular songs come in an order of the party's own, the same on every page."""
    Song.objects.bulk_create(
        Song(title=f"{letter} song", artist="Band", popularity=1) for letter in "ABCDEFGHIJKLMNOPQRSTUVWXY"
    )
    headers = guest_headers(event, "Gina")
    first = [song["title"] for song in api.get(f"/api/events/{event.code}/songs", headers)[1]["results"]]
    second = [song["title"] for song in api.get(f"/api/events/{event.code}/songs?page=2", headers)[1]["results"]]
    assert first != sorted(first)
    assert first == [song["title"] for song in api.get(f"/api/events/{event.code}/songs", headers)[1]["results"]]
    assert sorted(first + second) == sorted(f"{letter} song" for letter in "ABCDEFGHIJKLMNOPQRSTUVWXY")
