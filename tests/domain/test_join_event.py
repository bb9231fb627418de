import pytest

from liveparty.accounts.models import Guest
from liveparty.accounts.services import identify_token
from liveparty.actions import end_event, join_event, start_event
from liveparty.errors import Conflict, EventEnded, Invalid


def test_it_lets_a_guest_join_with_a_nickname(event):
    guest, token = join_event(event, "  Zoe   B ")
    assert guest.nickname == "Zoe B"
    assert identify_token(token).guest == guest
    assert token not in Guest.objects.get(pk=guest.pk).token_hash


def test_it_refuses_a_nickname_taken_in_any_case(event, guest):
    with pytest.raises(Conflict) as refused:
        join_event(event, guest.nickname.upper())
    assert refused.value.code == "nickname_taken"


def test_it_allows_the_same_nickname_at_another_event(event, guest, co_dj, outsider):
    other = start_event(outsider, "Another party", co_dj.username)
    assert join_event(other, guest.nickname)[0].event == other


@pytest.mark.parametrize("nickname", ["", "   ", "x" * 41])
def test_it_refuses_empty_or_long_nicknames(event, nickname):
    with pytest.raises(Invalid):
        join_event(event, nickname)


def test_it_refuses_joining_an_ended_event(event, host):
    end_event(event, host)
    with pytest.raises(EventEnded):
        join_event(event, "Late Larry")
