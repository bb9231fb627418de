from liveparty import actions
from liveparty.actions import end_event, tell_mood
from tests.api.conftest import account_headers, assert_error, guest_headers


def test_it_waits_for_the_end(api, event):
    assert_error(api.get(f"/api/events/{event.code}/recap"), 409, "event_live")


def test_it_ranks_the_most_requested_songs(api, event, host, dj, guest, guest2, guest3, songs):
    top = actions.request_song(guest, songs[1].pk)
    actions.ask(guest2, top.pk)
    actions.ask(guest3, top.pk)
    second = actions.request_song(guest2, songs[0].pk)
    actions.ask(guest3, second.pk)
    actions.play(event, dj, second.pk)
    actions.request_song(guest3, songs[2].pk)
    withdrawn = actions.request_song(guest, songs[3].pk)
    actions.cancel(guest, withdrawn.pk)
    end_event(event, host)
    status, body = api.get(f"/api/events/{event.code}/recap")
    assert status == 200
    assert body["event"]["status"] == "ended"
    assert [(row["song"]["title"], row["asks"], row["played"]) for row in body["most_requested"]] == [
        (songs[1].title, 3, False),
        (songs[0].title, 2, True),
        (songs[2].title, 1, False),
    ]
    assert body["mood"] is None  # nobody told a mood


def test_the_recap_sums_up_the_partys_moods(api, event, host, guest, guest2, guest3):
    tell_mood(guest, "energetic")
    tell_mood(guest2, "energetic")
    tell_mood(guest3, "chill")
    end_event(event, host)
    mood = api.get(f"/api/events/{event.code}/recap")[1]["mood"]
    assert mood["readings"] == 3
    assert mood["distribution"]["energetic"] == round(2 / 3, 4)
    assert mood["sources"] == {"tap": 3, "camera": 0}
    assert mood["camera_agreement"] == {"answered": 0, "agreed": 0, "share": None}


def test_it_answers_not_found(api, db):
    assert_error(api.get("/api/events/ZZZZZZ/recap"), 404, "not_found")


def test_the_host_and_the_djs_watch_the_recap_grow_during_the_party(api, event, host, dj, guest, song):
    actions.request_song(guest, song.pk)
    for person in (host, dj):
        status, body = api.get(f"/api/events/{event.code}/recap", account_headers(person))
        assert status == 200
        assert [row["song"]["title"] for row in body["most_requested"]] == [song.title]
        assert body["me"] is None
    assert_error(api.get(f"/api/events/{event.code}/recap", guest_headers(event, "Gus")), 409, "event_live")


def test_a_guest_gets_their_own_night_with_the_recap(api, event, host, song):
    headers = guest_headers(event, "Gus")
    gus_request = api.post(f"/api/events/{event.code}/requests", {"song_id": song.pk}, headers)[1]["request"]
    end_event(event, host)
    me = api.get(f"/api/events/{event.code}/recap", headers)[1]["me"]
    assert me["nickname"] == "Gus"
    assert [(row["song"]["id"], row["outcome"]) for row in me["requests"]] == [
        (gus_request["song"]["id"], "not played: the party ended")
    ]
    assert api.get(f"/api/events/{event.code}/recap")[1]["me"] is None  # nobody in particular


def test_the_played_playlist_downloads_for_the_host_and_the_djs(client, event, host, dj, guest, song):
    actions.play(event, dj, actions.request_song(guest, song.pk).pk)
    end_event(event, host)
    for person in (host, dj):
        m3u = client.get(f"/api/events/{event.code}/played.m3u", headers=account_headers(person))
        assert m3u.status_code == 200
        assert m3u["Content-Type"] == "audio/x-mpegurl; charset=utf-8"
        assert m3u["Content-Disposition"] == f'attachment; filename="{event.code}-played.m3u"'
        assert f"{song.artist} - {song.title}" in m3u.content.decode()
        spreadsheet = client.get(f"/api/events/{event.code}/played.csv", headers=account_headers(person))
        assert spreadsheet["Content-Type"] == "text/csv; charset=utf-8"
        assert song.title in spreadsheet.content.decode()


def test_the_played_playlist_is_refused_to_guests_and_strangers(api, event, host):
    gus = guest_headers(event, "Gus")
    end_event(event, host)
    assert_error(api.get(f"/api/events/{event.code}/played.m3u"), 401, "unauthenticated")
    assert_error(api.get(f"/api/events/{event.code}/played.csv", gus), 403, "forbidden")
    assert api.get(f"/api/events/{event.code}/played.pdf", account_headers(host))[0] == 400


def test_guests_vote_over_http_and_the_host_closes_the_poll(api, event, host, guest, song):
    gus = guest_headers(event, "Gus")
    actions.request_song(guest, song.pk)
    assert_error(api.post(f"/api/events/{event.code}/poll/votes", {"song_id": song.pk}, gus), 409, "event_live")
    end_event(event, host)
    status, body = api.post(f"/api/events/{event.code}/poll/votes", {"song_id": song.pk}, gus)
    assert status == 200
    assert (body["status"], body["votes"], body["my_vote"]) == ("open", 1, song.pk)
    assert api.get(f"/api/events/{event.code}/poll")[1]["my_vote"] is None  # a visitor has no vote
    assert_error(api.post(f"/api/events/{event.code}/poll/votes", {"song_id": "1"}, gus), 400, "invalid")
    assert_error(api.post(f"/api/events/{event.code}/poll/close", {}, gus), 403, "forbidden")
    assert_error(api.post(f"/api/events/{event.code}/poll/votes", {"song_id": song.pk}), 401, "unauthenticated")
    status, body = api.post(f"/api/events/{event.code}/poll/close", {}, account_headers(host))
    assert (status, body["status"], body["winner"]["id"]) == (200, "closed", song.pk)
    assert_error(api.post(f"/api/events/{event.code}/poll/votes", {"song_id": song.pk}, gus), 409, "poll_closed")


def test_the_mood_statistics_are_an_accounts_own(api, event, host, guest, song):
    tell_mood(guest, "chill")
    actions.request_song(guest, song.pk)
    status, body = api.get("/api/stats/moods?period=month&tz=Europe/Berlin", account_headers(host))
    assert status == 200
    assert (body["parties"], body["readings"], body["distribution"]["chill"]) == (1, 1, 1)
    assert body["songs"]["requested"]["chill"] == {"asks": 1, "guests": 1, "per_guest": 1.0}
    [trending] = body["songs"]["trending"]["moods"]["chill"]
    assert (trending["song"]["id"], trending["by_day"][-1], len(trending["by_day"])) == (song.pk, 1, 30)
    assert_error(api.get("/api/stats/moods"), 401, "unauthenticated")
    assert_error(api.get("/api/stats/moods?tz=Mars/Olympus", account_headers(host)), 400, "invalid")
    assert_error(api.get("/api/stats/moods?period=year", account_headers(host)), 400, "invalid")
    assert_error(api.get("/api/stats/moods?scope=site", account_headers(host)), 403, "forbidden")
