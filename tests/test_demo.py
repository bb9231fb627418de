import pytest
from django.core.management import call_command

from liveparty.accounts.models import User
from liveparty.actions import start_event
from liveparty.catalog.models import Song
from liveparty.events.management.commands.load_demo import DEMO_SONGS
from liveparty.events.models import Event
from tests.personas import make_account


def rows() -> tuple:
    return (
        list(User.objects.order_by("pk").values_list("username", flat=True)),
        Song.objects.count(),
        list(Event.objects.values_list("code", "status")),
    )


@pytest.mark.django_db
def test_load_demo_is_idempotent(capsys):
    call_command("load_demo")
    first = rows()
    call_command("load_demo")
    assert rows() == first
    assert first[0] == ["demo-host", "demo-dj", "demo-dj2"]
    assert first[1] == len(DEMO_SONGS)
    code = first[2][0][0]
    out = capsys.readouterr().out
    assert f"Demo party code: {code}" in out
    assert "demo-host / party-host-demo" in out
    assert "Free DJ:   demo-dj2 / party-dj2-demo (free: name demo-dj2 as main DJ when you start a party)" in out


@pytest.mark.django_db
def test_a_newcomer_starts_a_party_with_the_free_demo_dj_at_once(capsys):
    call_command("load_demo")
    party = start_event(make_account("mia", "Mia"), "Mia's party", "demo-dj2")
    assert party.djs.get().dj.username == "demo-dj2"
    call_command("load_demo")
    assert "Free DJ:   demo-dj2 / party-dj2-demo (DJing a party now)" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_demo_accounts_can_log_in(client):
    call_command("load_demo")
    assert client.login(username="demo-dj", password="party-dj-demo")
