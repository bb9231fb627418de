"""The pages' server side: who sees what, the QR code, sign-up, the admin.
(What the pages do in a browser: tests/browser/.)"""

from django.contrib.admin import site

from liveparty import actions
from liveparty.accounts.models import AccountToken, Guest, SpotifyLink, User
from liveparty.accounts.services import FAILED_LOGINS_PER_ACCOUNT
from liveparty.actions import end_event, invite_co_dj, start_event
from liveparty.catalog.models import Song
from liveparty.events.models import DJMembership, Event
from liveparty.mood.models import MoodReading
from liveparty.presence.models import PresenceReport
from liveparty.recap.models import Poll, Vote
from liveparty.song_requests.models import Ask, Rating, SongRequest
from liveparty.updates.models import Stream, Update
from tests.personas import PASSWORD


def test_the_root_leads_to_the_host_page(client, db):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/host/"
    assert response.status_code == 200


def test_the_guest_page_finds_the_event_in_any_case(client, event):
    response = client.get(f"/e/{event.code.lower()}/")
    assert response.status_code == 200
    assert event.code in response.content.decode()
    assert "csrftoken" in response.cookies


def test_the_guest_page_remembers_a_guest_who_joined(client, event):
    client.post(f"/api/events/{event.code}/guests", {"nickname": "Gina"}, content_type="application/json")
    page = client.get(f"/e/{event.code}/").context["page"]
    assert page["guest"]["nickname"] == "Gina"


def test_an_unknown_code_is_not_found(client, dj):
    client.force_login(dj)
    assert client.get("/e/ZZZZZZ/").status_code == 404
    assert client.get("/dj/ZZZZZZ/").status_code == 404


def test_the_console_asks_for_a_log_in(client, event):
    response = client.get(f"/dj/{event.code}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/host/login/")


def test_the_console_is_for_the_events_djs(client, event, dj, outsider):
    client.force_login(dj)
    assert client.get(f"/dj/{event.code}/").context["page"]["is_dj"] is True
    client.force_login(outsider)
    assert "You are not a DJ of this event" in client.get(f"/dj/{event.code}/").content.decode()


def test_the_host_page_welcomes_strangers_and_shows_hosts_their_events(client, event, host):
    welcome = client.get("/host/").content.decode()
    assert "Make an account" in welcome
    assert "Host a party, or DJ one" in welcome  # for hosts and DJs alike
    client.force_login(host)
    response = client.get(f"/host/?event={event.code.lower()}")
    assert response.context["chosen"] == event
    assert response.context["join_url"] == f"http://testserver/e/{event.code}/"


def test_the_host_page_lists_live_parties_first_then_past_ones_with_their_recap(client, event, host, dj, outsider):
    end_event(event, host)
    later = start_event(host, "Second night", outsider.username)
    client.force_login(host)
    response = client.get("/host/")
    assert [party.event for party in response.context["parties"]] == [later, event]
    text = response.content.decode()
    assert f"/e/{event.code}/recap/" in text
    ended = client.get(f"/host/?event={event.code}")
    assert ended.context["chosen"] == event
    assert "Party over" in ended.content.decode()
    assert "End the party" not in ended.content.decode()


def test_a_dj_finds_their_console_on_the_host_page_and_on_their_own(client, event, dj, co_dj, host):
    invite_co_dj(event, dj, co_dj.username)
    for user, role in ((dj, "main DJ"), (co_dj, "co-DJ")):
        client.force_login(user)
        for page in ("/host/", "/dj/"):
            response = client.get(page)
            [party] = response.context["parties"]
            assert (party.event, party.roles) == (event, role)
            assert f'href="/dj/{event.code}/"' in response.content.decode()
    client.force_login(host)
    assert client.get("/dj/").context["parties"] == []


def test_the_local_only_join_link_is_said_plainly(client, event, host, settings):
    settings.PUBLIC_URL, settings.LISTEN_HOST, settings.ALLOWED_HOSTS = "", "127.0.0.1", ["127.0.0.1"]
    client.force_login(host)
    response = client.get(f"/host/?event={event.code}", HTTP_HOST="127.0.0.1:8000")
    assert response.context["only_this_computer"] is True
    assert "This link only works on this computer" in response.content.decode()
    settings.PUBLIC_URL = "http://192.168.1.20:8000"
    response = client.get(f"/host/?event={event.code}", HTTP_HOST="127.0.0.1:8000")
    assert response.context["join_url"] == f"http://192.168.1.20:8000/e/{event.code}/"
    assert "This link only works on this computer" not in response.content.decode()


def test_the_recap_page_waits_for_the_end_for_guests_and_grows_for_the_staff(client, event, host, guest, song):
    actions.request_song(guest, song.pk)
    response = client.get(f"/e/{event.code}/recap/")
    assert response.context["page"] is None
    assert "The recap opens when the party ends" in response.content.decode()
    client.force_login(host)
    page = client.get(f"/e/{event.code}/recap/").context["page"]
    assert [row["song"]["title"] for row in page["recap"]["most_requested"]] == [song.title]
    assert set(page["exports"]) == {"m3u", "csv", "spotify"}
    assert page["exports"]["spotify"]["connected"] is False


def test_the_recap_page_shows_everyone_the_night_and_a_guest_their_own(client, event, host, dj, song):
    client.post(f"/api/events/{event.code}/guests", {"nickname": "Gina"}, content_type="application/json")
    actions.play(event, dj, actions.request_song(Guest.objects.get(nickname="Gina"), song.pk).pk)
    end_event(event, host)
    page = client.get(f"/e/{event.code}/recap/").context["page"]
    assert [row["song"]["title"] for row in page["recap"]["played"]] == [song.title]
    assert page["me"]["nickname"] == "Gina"
    assert page["moods"]["sad"] == "Down"  # the guests' word for the mood
    assert page["exports"] is None  # the playlist is the staff's to take home
    client.logout()
    assert client.get(f"/e/{event.code}/recap/").context["page"]["me"] is None


def test_the_guest_page_of_an_ended_party_offers_no_join_form(client, event, host):
    end_event(event, host)
    text = client.get(f"/e/{event.code}/").content.decode()
    assert "Party over" in text
    assert 'id="join"' not in text


def test_every_page_has_an_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("liveparty/favicon.svg")


def test_the_qr_code_is_an_svg_drawn_here(client, event):
    response = client.get(f"/host/events/{event.code}/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert b'xmlns="http://www.w3.org/2000/svg"' in response.content  # an <img> needs the namespace


def test_sign_up_makes_an_account_and_logs_in(client, db):
    response = client.post("/host/signup/", {"username": "mia", "display_name": "Mia", "password": "a long passphrase"})
    assert response.status_code == 302
    assert User.objects.get(username="mia").display_name == "Mia"
    assert "Hi, Mia" in client.get("/host/").content.decode()


def test_sign_up_explains_what_is_wrong(client, host):
    response = client.post("/host/signup/", {"username": host.username, "password": "short"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "is taken" in text
    assert "at least 8 characters" in text


def test_the_log_in_page_stops_a_password_guesser(client, host):
    for _ in range(FAILED_LOGINS_PER_ACCOUNT.count):
        wrong = client.post("/host/login/", {"username": host.username, "password": "guess"})
        assert "do not match an account" in wrong.content.decode()
    refused = client.post("/host/login/", {"username": host.username, "password": PASSWORD})
    assert refused.status_code == 200  # the form again, not the way in
    assert "Too many wrong passwords for this account" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_every_model_is_in_the_admin(admin_client, event, guest, song):
    models = [User, AccountToken, Guest, Event, DJMembership, Song, SongRequest, Ask, Rating, Stream, Update]
    models += [PresenceReport, MoodReading, Poll, Vote, SpotifyLink]
    for model in models:
        assert site.is_registered(model), model
        meta = model._meta
        assert admin_client.get(f"/admin/{meta.app_label}/{meta.model_name}/").status_code == 200


def test_every_page_forbids_inline_and_foreign_script(client, host, event):
    """F7: a CSP on every page; the API docs load Swagger from our own static files."""
    client.force_login(host)
    for path in ("/host/", f"/dj/{event.code}/", f"/e/{event.code}/", "/api/docs", "/host/login/"):
        response = client.get(path)
        assert response.status_code == 200, path
        directives = dict(d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";"))
        assert directives["script-src"] == "'self'", path
        assert directives["object-src"] == "'none'"
        assert directives["frame-ancestors"] == "'none'"
    docs = client.get("/api/docs").content.decode()
    assert "cdn." not in docs
    assert "/static/ninja/swagger-ui-bundle" in docs
