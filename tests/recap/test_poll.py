"""The song-of-the-night poll: ended parties only, one vote per guest that moves, a ballot
of the most requested, closed by the host or the main DJ."""

import pytest

from liveparty import actions
from liveparty.actions import end_event, start_event
from liveparty.catalog.models import Song
from liveparty.errors import Conflict, Forbidden, Invalid
from liveparty.recap.models import Vote
from liveparty.recap.poll import CANDIDATES, close_poll, poll_results, vote
from tests.personas import make_account, make_guest


def tally(event) -> dict[str, int]:
    return {row["song"]["title"]: row["votes"] for row in poll_results(event)["candidates"]}


def test_the_ballot_is_the_most_requested_in_order(night):
    results = poll_results(night.event)
    assert results["status"] == "open"
    assert [row["song"]["title"] for row in results["candidates"]] == ["Dancing Queen", "Billie Jean", "Mr. Brightside"]
    assert (results["votes"], results["winner"], results["my_vote"]) == (0, None, None)


def test_a_guest_has_one_vote_and_moves_it(night, songs):
    vote(night.gina, songs[1].pk)
    vote(night.gus, songs[1].pk)
    assert tally(night.event) == {"Dancing Queen": 0, "Billie Jean": 2, "Mr. Brightside": 0}
    vote(night.gina, songs[2].pk)
    vote(night.gina, songs[2].pk)  # the same vote again changes nothing
    assert tally(night.event) == {"Dancing Queen": 0, "Billie Jean": 1, "Mr. Brightside": 1}
    assert Vote.objects.filter(guest=night.gina).count() == 1
    assert poll_results(night.event, night.gina)["my_vote"] == songs[2].pk
    assert poll_results(night.event, night.quinn)["my_vote"] is None


def test_only_a_song_on_the_ballot_takes_a_vote(night, songs):
    with pytest.raises(Invalid) as refused:
        vote(night.gina, songs[3].pk)  # Le Freak: withdrawn, not among the most requested
    assert refused.value.code == "not_a_candidate"


def test_the_poll_opens_when_the_party_ends(event, host, guest, song):
    assert poll_results(event)["status"] == "not_yet"
    with pytest.raises(Conflict) as refused:
        vote(guest, song.pk)
    assert refused.value.code == "event_live"


def test_the_host_or_the_main_dj_closes_it_and_the_most_votes_win(night, host, dj, songs):
    vote(night.gina, songs[2].pk)
    vote(night.gus, songs[1].pk)
    for refused_user in (None, make_account("otto", "Otto")):
        with pytest.raises(Forbidden):
            close_poll(night.event, refused_user)
    close_poll(night.event, dj)
    results = poll_results(night.event)
    assert (results["status"], results["votes"]) == ("closed", 2)
    assert results["winner"]["title"] == "Billie Jean"  # a tie goes to the more requested song
    with pytest.raises(Conflict) as refused:
        vote(night.greta, songs[0].pk)
    assert refused.value.code == "poll_closed"
    with pytest.raises(Conflict):
        close_poll(night.event, host)


def test_a_poll_closed_without_a_vote_has_no_winner(night, host):
    close_poll(night.event, host)
    assert poll_results(night.event)["winner"] is None


def test_the_ballot_holds_at_most_ten_songs(db, songs):
    hana, dave = make_account("hana3", "Hana"), make_account("dave3", "Dave")
    party = start_event(hana, "Big night", dave.username)
    extra = [Song.objects.create(title=f"Extra {i}", artist="Band") for i in range(CANDIDATES + 2 - len(songs))]
    for index, song in enumerate([*songs, *extra]):
        actions.request_song(make_guest(party, f"Guest {index}"), song.pk)
    end_event(party, hana)
    assert len(poll_results(party)["candidates"]) == CANDIDATES
