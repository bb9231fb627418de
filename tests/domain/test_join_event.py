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


@pytest.mark.parametrize(
    ("lookalike", "why"),
    [
        ("\u0412\u043eb", "Cyrillic Ve and o"),
        ("\u0392\u03bf\u0392", "Greek Beta and omicron"),
        ("Bob\u0301", "a combining accent"),
        ("\uff22\uff4f\uff42", "fullwidth letters (NFKC)"),
        ("  BOB ", "case and spaces"),
    ],
)
def test_it_refuses_a_nickname_that_looks_like_one_taken(event, lookalike, why):
    join_event(event, "Bob")
    with pytest.raises(Conflict) as refused:
        join_event(event, lookalike)
    assert refused.value.code == "nickname_taken", why


@pytest.mark.parametrize(
    "hidden",
    ["Bob\u200b", "\u202eboB", "Bo\u2066b", "B\u00adob", "Bob\ufeff", "Bob\u0007", "Bob\ue000"],
    ids=["zero width space", "right-to-left override", "isolate", "soft hyphen", "BOM", "control", "private use"],
)
def test_it_refuses_invisible_and_text_direction_characters(event, hidden):
    with pytest.raises(Invalid) as refused:
        join_event(event, hidden)
    assert "invisible" in refused.value.message


def test_nicknames_are_shown_as_typed_in_their_normal_form(event):
    assert join_event(event, "Zoë")[0].nickname == "Zoë"
    assert join_event(event, "\uff2a\uff4f")[0].nickname == "Jo"  # fullwidth, as NFKC reads it
    assert join_event(event, "👨\u200d👩\u200d👧 Fam")[0].nickname == "👨\u200d👩\u200d👧 Fam"  # emoji may join
    assert join_event(event, "José")[0].nickname == "José"
    with pytest.raises(Conflict):
        join_event(event, "Jose")  # one letter's accent apart: too alike on a DJ's screen
