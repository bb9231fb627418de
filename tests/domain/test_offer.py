"""What a party offers: playlists and genres narrow the catalog, a song added on the fly
comes on top of them and never narrows it; each change is an `offer.changed` update."""

import pytest

from liveparty import actions
from liveparty.catalog.models import Playlist, PlaylistTrack, Song
from liveparty.errors import Conflict, NotFound
from liveparty.events import offer
from liveparty.events.offer import crate_song_ids, in_crate
from liveparty.updates.services import current_seq
from tests.log import updates_since


@pytest.fixture
def shelf(db) -> dict[str, list[Song]]:
    return {
        "rock": [Song.objects.create(title=f"Rock {i}", artist="Band", genre="Rock") for i in range(3)],
        "jazz": [Song.objects.create(title=f"Jazz {i}", artist="Trio", genre="Jazz") for i in range(3)],
    }


def test_a_song_on_the_fly_never_turns_the_whole_catalog_into_one_song(event, dj, shelf):
    with pytest.raises(Conflict) as refused:
        actions.pick(event, dj, song_id=shelf["jazz"][0].pk)
    assert (refused.value.code, refused.value.message) == ("already_on_offer", "Jazz 0 is on offer already.")
    assert crate_song_ids(event) is None
    assert all(in_crate(event, song) for song in shelf["rock"] + shelf["jazz"])


def test_a_song_on_the_fly_comes_on_top_of_the_genres(event, dj, guest, shelf):
    actions.pick(event, dj, genre="Rock")
    actions.pick(event, dj, song_id=shelf["jazz"][1].pk)
    assert crate_song_ids(event) == {song.pk for song in shelf["rock"]} | {shelf["jazz"][1].pk}
    assert actions.request_song(guest, shelf["jazz"][1].pk).status == "pending"
    with pytest.raises(Conflict) as refused:
        actions.request_song(guest, shelf["jazz"][2].pk)
    assert refused.value.code == "not_in_crate"
    with pytest.raises(Conflict):
        actions.pick(event, dj, song_id=shelf["rock"][0].pk)  # in the genre already


def test_songs_left_after_the_last_genre_goes_leave_the_whole_catalog(event, dj, shelf):
    genre = actions.pick(event, dj, genre="Rock")
    actions.pick(event, dj, song_id=shelf["jazz"][0].pk)
    actions.unpick(event, dj, genre.pk)
    assert crate_song_ids(event) is None


def test_each_change_of_the_offer_is_an_update_saying_whether_the_dj_picked(event, dj, shelf):
    mix = Playlist.objects.create(name="Mix", source="chinook", source_id="9")
    PlaylistTrack.objects.create(playlist=mix, song=shelf["jazz"][0], position=1)
    seq = current_seq(event.pk)
    pick = actions.pick(event, dj, playlist_id=mix.pk)
    actions.pick(event, dj, song_id=shelf["rock"][0].pk)
    block = actions.block(event, dj, shelf["rock"][1].pk)
    actions.unblock(event, dj, block.pk)
    actions.unpick(event, dj, pick.pk)
    offers = [(update["kind"], update["data"]["whole_catalog"]) for update in updates_since(event, seq)]
    assert offers == [("offer.changed", False)] * 4 + [("offer.changed", True)]


def test_removing_what_is_not_there_records_nothing(event, dj):
    seq = current_seq(event.pk)
    with pytest.raises(NotFound):
        actions.unpick(event, dj, 12345)
    with pytest.raises(NotFound):
        actions.unblock(event, dj, 12345)
    assert current_seq(event.pk) == seq


def test_a_burst_of_requests_reads_the_offer_once_and_a_change_at_once(event, dj, guest, guest2, shelf, monkeypatch):
    reads = []
    read = offer._read_offer
    monkeypatch.setattr(offer, "_read_offer", lambda event: reads.append(event.pk) or read(event))
    actions.request_song(guest, shelf["rock"][0].pk)
    actions.request_song(guest2, shelf["rock"][1].pk)
    assert len(reads) == 1
    actions.block(event, dj, shelf["rock"][2].pk)
    with pytest.raises(Conflict) as refused:
        actions.request_song(guest, shelf["rock"][2].pk)
    assert refused.value.code == "blocked"
    assert len(reads) == 2


def test_an_offer_read_while_a_change_commits_is_not_kept(event, dj, guest, shelf, django_capture_on_commit_callbacks):
    """Another process may read the offer between the change and its commit: the version
    moves again once it has committed, so what it kept then is read afresh."""
    offer.offer_of(event)  # kept, as a server would
    with django_capture_on_commit_callbacks() as committed:
        actions.pick(event, dj, genre="Jazz")
        # Another process reads before the commit: the whole catalog still, kept under the version of the moment.
        offer._kept.put(event.pk, offer._versions(event.pk), offer.Offer(None, offer.Refusals()))
    assert offer.offer_of(event).crate is None
    for callback in committed:
        callback()
    assert offer.offer_of(event).crate == {song.pk for song in shelf["jazz"]}
