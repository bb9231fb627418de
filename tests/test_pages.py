"""The three pages answer at their URLs (their content comes with the pages issue)."""

from django.contrib.admin import site

from liveparty.accounts.models import AccountToken, Guest, User
from liveparty.catalog.models import Song
from liveparty.events.models import DJMembership, Event
from liveparty.presence.models import PresenceReport
from liveparty.requests.models import Ask, Rating, SongRequest
from liveparty.updates.models import Stream, Update


def test_the_root_leads_to_the_host_page(client, db):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/host/"
    assert response.status_code == 200


def test_the_dj_and_guest_pages_find_the_event_by_code(client, event):
    for path in (f"/dj/{event.code}/", f"/e/{event.code.lower()}/"):
        response = client.get(path)
        assert response.status_code == 200
        assert event.code in response.content.decode()
        assert "csrftoken" in response.cookies


def test_an_unknown_code_is_not_found(client, db):
    assert client.get("/e/ZZZZZZ/").status_code == 404
    assert client.get("/dj/ZZZZZZ/").status_code == 404


def test_every_model_is_in_the_admin(admin_client, event, guest, song):
    models = (
        User,
        AccountToken,
        Guest,
        Event,
        DJMembership,
        Song,
        SongRequest,
        Ask,
        Rating,
        Stream,
        Update,
        PresenceReport,
    )
    for model in models:
        assert site.is_registered(model), model
        meta = model._meta
        assert admin_client.get(f"/admin/{meta.app_label}/{meta.model_name}/").status_code == 200
