import pytest
from django.core.management import call_command

from liveparty.accounts.models import User
from liveparty.catalog.models import Song
from liveparty.events.management.commands.load_demo import DEMO_SONGS
from liveparty.events.models import Event


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
    assert first[0] == ["demo-host", "demo-dj"]
    assert first[1] == len(DEMO_SONGS)
    code = first[2][0][0]
    out = capsys.readouterr().out
    assert f"Demo party code: {code}" in out
    assert "demo-host / party-host-demo" in out


@pytest.mark.django_db
def test_the_demo_accounts_can_log_in(client):
    call_command("load_demo")
    assert client.login(username="demo-dj", password="party-dj-demo")
