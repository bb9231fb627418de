"""The join link and QR code carry an address phones can open."""

import pytest
from django.test import RequestFactory

from liveparty import public_url
from liveparty.processes import embedded_env
from liveparty.public_url import join_url, only_this_computer
from tests.test_settings import settings_for


@pytest.fixture
def on_the_laptop():
    return RequestFactory().get("/host/", HTTP_HOST="127.0.0.1:8000")


def test_public_url_wins(settings, on_the_laptop):
    settings.PUBLIC_URL = "https://party.example.org/"
    assert join_url(on_the_laptop, "ABC123") == "https://party.example.org/e/ABC123/"


def test_on_every_interface_phones_get_the_machines_address_on_the_wifi(settings, on_the_laptop, monkeypatch):
    settings.PUBLIC_URL, settings.LISTEN_HOST = "", "0.0.0.0"
    monkeypatch.setattr(public_url, "lan_address", lambda: "192.168.1.20")
    link = join_url(on_the_laptop, "ABC123")
    assert link == "http://192.168.1.20:8000/e/ABC123/"
    assert not only_this_computer(link)


def test_on_loopback_only_the_link_says_it_works_on_this_computer_only(settings, on_the_laptop):
    settings.PUBLIC_URL, settings.LISTEN_HOST = "", "127.0.0.1"
    link = join_url(on_the_laptop, "ABC123")
    assert link == "http://127.0.0.1:8000/e/ABC123/"
    assert only_this_computer(link)


def test_a_page_opened_on_a_real_name_keeps_it(settings):
    settings.PUBLIC_URL, settings.LISTEN_HOST, settings.ALLOWED_HOSTS = "", "0.0.0.0", ["192.168.1.20"]
    request = RequestFactory().get("/host/", HTTP_HOST="192.168.1.20:8000")
    assert join_url(request, "ABC123") == "http://192.168.1.20:8000/e/ABC123/"


def test_the_public_address_is_an_allowed_host(tmp_path):
    env = embedded_env(tmp_path, PUBLIC_URL="https://party.example.org")
    del env["ALLOWED_HOSTS"]  # the default
    assert settings_for(env)["hosts"] == ["localhost", "127.0.0.1", "[::1]", "party.example.org"]
