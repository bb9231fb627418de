"""The pages' server side: who sees what, the QR code, sign-up, the admin.
(What the pages do in a browser: tests/browser/.)"""

from django.contrib.admin import site

from liveparty.accounts.models import AccountToken, Guest, User
from liveparty.catalog.models import Song
from liveparty.events.models import DJMembership, Event
from liveparty.mood.models import MoodReading
from liveparty.presence.models import PresenceReport
from liveparty.requests.models import Ask, Rating, SongRequest
from liveparty.updates.models import Stream, Update


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
    assert "Make an account" in client.get("/host/").content.decode()
    client.force_login(host)
    response = client.get(f"/host/?event={event.code.lower()}")
    assert response.context["chosen"] == event
    assert response.context["join_url"] == f"http://testserver/e/{event.code}/"


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


def test_every_model_is_in_the_admin(admin_client, event, guest, song):
    models = [User, AccountToken, Guest, Event, DJMembership, Song, SongRequest, Ask, Rating, Stream, Update]
    models += [PresenceReport, MoodReading]
    for model in models:
        assert site.is_registered(model), model
        meta = model._meta
        assert admin_client.get(f"/admin/{meta.app_label}/{meta.model_name}/").status_code == 200
