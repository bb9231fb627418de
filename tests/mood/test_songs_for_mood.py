"""Songs for a mood: the genre prior, refined by what guests in that mood rated well."""

from liveparty import actions
from liveparty.actions import tell_mood
from liveparty.catalog.models import Song
from liveparty.mood.models import MoodSong
from liveparty.mood.services import songs_for_mood
from tests.api.conftest import api, assert_error, guest_headers  # noqa: F401 (api: a fixture)
from tests.committed import committed


def shelf() -> dict[str, list[Song]]:
    genres = {"dance": "Electronica/Dance", "bossa": "Bossa Nova", "blues": "Blues", "metal": "Metal"}
    return {
        name: [Song.objects.create(title=f"{name} {i}", artist=name, genre=genre, popularity=i) for i in range(3)]
        for name, genre in genres.items()
    }


def test_the_genre_prior_picks_what_fits_and_skips_what_is_busy(event, guest):
    songs = shelf()
    actions.request_song(guest, songs["bossa"][2].pk)
    chill = songs_for_mood(event, "chill")
    titles = [item["song"]["title"] for item in chill]
    assert titles[:2] == ["bossa 1", "bossa 0"]  # the bossa nova; the one asked for is on the stack
    assert not {song.title for song in songs["metal"] + songs["dance"]} & set(titles)
    assert chill[0]["reason"] == "Bossa Nova suits feeling chill"
    energetic = [item["song"]["title"] for item in songs_for_mood(event, "energetic")]
    assert energetic[:3] == ["dance 2", "dance 1", "dance 0"]


def test_ratings_in_a_mood_teach_which_songs_suit_it(event, dj, guest, guest2):
    songs = shelf()
    metal = songs["metal"][0]  # the prior has metal energetic or tense, never chill
    for rater in (guest, guest2):
        tell_mood(rater, "chill")
    actions.play(event, dj, actions.request_song(guest, metal.pk).pk)
    committed(actions.rate, guest, 5)
    committed(actions.rate, guest2, 5)
    assert MoodSong.objects.get(song=metal, mood="chill").evidence == 4
    actions.play(event, dj, actions.request_song(guest, songs["blues"][0].pk).pk)  # metal 0 is played now
    actions.pick(event, dj, genre="Bossa Nova")
    actions.pick(event, dj, song_id=metal.pk)  # on the fly, on top of the genre
    chill = songs_for_mood(event, "chill")
    assert [item["song"]["title"] for item in chill] == ["metal 0", "bossa 2", "bossa 1", "bossa 0"]
    assert chill[0]["reason"] == "guests feeling chill rated it well"


def test_the_crate_and_blocklists_are_respected(event, dj):
    songs = shelf()
    actions.pick(event, dj, genre="Electronica/Dance")
    actions.block(event, dj, songs["dance"][2].pk)
    titles = [item["song"]["title"] for item in songs_for_mood(event, "energetic")]
    assert titles == ["dance 1", "dance 0"]


def test_the_guest_page_asks_over_http(api, event):  # noqa: F811
    shelf()
    headers = guest_headers(event, "Gina")
    status, body = api.get(f"/api/events/{event.code}/moods/happy/songs", headers)
    assert status == 200
    assert body["results"]
    assert all(item["reason"] for item in body["results"])
    assert_error(api.get(f"/api/events/{event.code}/moods/hangry/songs", headers), 400, "invalid")
