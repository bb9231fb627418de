"""Blocklists: the DJ keeps songs off tonight's menu, or off every party they play."""

from liveparty import actions
from liveparty.actions import end_event, start_event
from liveparty.catalog.models import Song
from liveparty.song_requests.models import SongRequest
from tests.api.conftest import account_headers, assert_error, guest_headers


def block(api, event, dj, song, everywhere=False):
    return api.post(
        f"/api/events/{event.code}/blocklist", {"song_id": song.pk, "everywhere": everywhere}, account_headers(dj)
    )


def test_a_blocked_song_cannot_be_found_or_requested(api, event, dj, songs):
    status, body = block(api, event, dj, songs[0])
    assert status == 201
    assert body["song"]["id"] == songs[0].pk
    assert body["everywhere"] is False
    phone = guest_headers(event, "Gina")
    status, found = api.get(f"/api/events/{event.code}/songs?q={songs[0].title}", phone)
    assert status == 200
    assert songs[0].pk not in [song["id"] for song in found["results"]]
    assert_error(api.post(f"/api/events/{event.code}/requests", {"song_id": songs[0].pk}, phone), 409, "blocked")
    status, _ = api.post(f"/api/events/{event.code}/requests", {"song_id": songs[1].pk}, phone)
    assert status == 201


def test_the_staff_see_the_list_and_the_dj_lifts_a_block(api, client, event, dj, host, songs):
    _, blocked = block(api, event, dj, songs[2])
    status, listed = api.get(f"/api/events/{event.code}/blocklist", account_headers(host))
    assert status == 200
    assert [item["id"] for item in listed] == [blocked["id"]]
    response = client.delete(f"/api/events/{event.code}/blocklist/{blocked['id']}", headers=account_headers(dj))
    assert response.status_code == 204
    assert api.get(f"/api/events/{event.code}/blocklist", account_headers(dj))[1] == []


def test_a_djs_own_block_follows_them_to_their_next_party(api, event, dj, host, songs):
    block(api, event, dj, songs[3], everywhere=True)
    end_event(event, host)
    next_party = start_event(host, "Next party", dj.username)
    assert_error(
        api.post(f"/api/events/{next_party.code}/requests", {"song_id": songs[3].pk}, guest_headers(next_party, "Gus")),
        409,
        "blocked",
    )


def test_only_a_dj_of_the_event_blocks_and_twice_is_a_clear_conflict(api, event, dj, host, outsider, songs):
    assert_error(block(api, event, outsider, songs[0]), 403, "forbidden")
    assert_error(block(api, event, host, songs[0]), 403, "forbidden")
    block(api, event, dj, songs[0])
    assert_error(block(api, event, dj, songs[0]), 409, "already_blocked")
    assert_error(api.get(f"/api/events/{event.code}/blocklist", guest_headers(event, "Gina")), 401, "unauthenticated")
    assert_error(
        api.post(f"/api/events/{event.code}/blocklist", {"song_id": 999999}, account_headers(dj)), 404, "not_found"
    )


def test_blocking_an_artist_keeps_every_song_of_theirs_off_and_turns_down_those_waiting(api, event, dj, songs):
    duet = Song.objects.create(title="Another One", artist="ABBA feat. Somebody")
    phone = guest_headers(event, "Gina")
    waiting = api.post(f"/api/events/{event.code}/requests", {"song_id": duet.pk}, phone)[1]["request"]
    status, blocked = api.post(
        f"/api/events/{event.code}/blocklist", {"song_id": songs[0].pk, "whole_artist": True}, account_headers(dj)
    )
    assert (status, blocked["artist"], blocked["song"]["id"]) == (201, "ABBA", songs[0].pk)
    assert SongRequest.objects.get(pk=waiting["id"]).status == "denied"
    found = api.get(f"/api/events/{event.code}/songs?q=abba", phone)[1]["results"]
    assert found == []
    for song in (songs[0], duet):
        refused = api.post(f"/api/events/{event.code}/requests", {"song_id": song.pk}, phone)
        assert_error(refused, 409, "blocked")
        assert refused[1]["error"]["message"] == "The DJ is not playing that artist tonight."
    assert_error(
        api.post(
            f"/api/events/{event.code}/blocklist", {"song_id": duet.pk, "whole_artist": True}, account_headers(dj)
        ),
        409,
        "already_blocked",
    )


def test_the_staff_list_the_guests_muted_or_banned(api, event, dj, host, guest, guest2):
    actions.mute(event, dj, guest.nickname)
    actions.ban(event, dj, guest2.nickname)
    status, listed = api.get(f"/api/events/{event.code}/sanctions", account_headers(host))
    assert status == 200
    assert listed == [
        {"id": guest.pk, "nickname": "Gina", "standing": "muted"},
        {"id": guest2.pk, "nickname": "Gus", "standing": "banned"},
    ]
    assert_error(api.get(f"/api/events/{event.code}/sanctions", guest_headers(event, "Greta")), 401, "unauthenticated")
