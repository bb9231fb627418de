import pytest

from liveparty.actions import end_event, invite_co_dj, start_event
from liveparty.errors import Conflict, EventEnded, Forbidden, NotFound
from liveparty.events.models import DJMembership
from tests.log import updates_since


def test_it_lets_the_main_dj_add_a_co_dj(event, dj, co_dj):
    membership = invite_co_dj(event, dj, co_dj.username)
    assert membership.role == DJMembership.Role.CO
    [update] = updates_since(event, 0)
    assert update["kind"] == "dj.joined"
    assert update["data"] == {"username": "carla", "display_name": "Carla", "role": "co"}


def test_it_lets_the_host_add_a_co_dj(event, host, co_dj):
    assert invite_co_dj(event, host, co_dj.username).dj == co_dj


def test_it_refuses_a_co_dj_inviting_another(event, dj, co_dj, outsider):
    invite_co_dj(event, dj, co_dj.username)
    with pytest.raises(Forbidden):
        invite_co_dj(event, co_dj, outsider.username)


def test_it_refuses_an_outsider(event, outsider, co_dj):
    with pytest.raises(Forbidden):
        invite_co_dj(event, outsider, co_dj.username)


def test_it_refuses_a_dj_live_elsewhere(event, dj, co_dj, outsider):
    start_event(outsider, "Other party", co_dj.username)
    with pytest.raises(Conflict) as refused:
        invite_co_dj(event, dj, co_dj.username)
    assert refused.value.code == "dj_busy"


def test_it_refuses_a_dj_already_at_the_event(event, dj, co_dj):
    invite_co_dj(event, dj, co_dj.username)
    with pytest.raises(Conflict) as refused:
        invite_co_dj(event, dj, co_dj.username)
    assert refused.value.code == "already_dj"


def test_it_refuses_an_unknown_account(event, dj):
    with pytest.raises(NotFound):
        invite_co_dj(event, dj, "nobody")


def test_it_refuses_after_the_end(event, host, dj, co_dj):
    end_event(event, host)
    with pytest.raises(EventEnded):
        invite_co_dj(event, dj, co_dj.username)
