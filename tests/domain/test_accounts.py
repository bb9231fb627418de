import pytest

from liveparty.accounts.models import AccountToken
from liveparty.accounts.services import create_account, identify_token, issue_token
from liveparty.errors import Conflict, Invalid, Unauthenticated
from tests.personas import PASSWORD


def test_it_creates_an_account_with_a_working_token(db):
    user, token = create_account("mia", "a long passphrase", "Mia")
    assert user.display_name == "Mia"
    assert user.check_password("a long passphrase")
    assert identify_token(token).user == user


def test_it_defaults_the_display_name_to_the_username(db):
    user, _ = create_account("mia", "a long passphrase")
    assert user.display_name == "mia"


def test_it_keeps_only_a_hash_of_tokens(db):
    user, token = create_account("mia", "a long passphrase")
    stored = AccountToken.objects.get(user=user).key_hash
    assert token not in stored
    assert len(stored) == 64


def test_it_refuses_a_taken_username(host):
    with pytest.raises(Conflict) as refused:
        create_account(host.username, "a long passphrase")
    assert refused.value.code == "username_taken"


@pytest.mark.parametrize(
    ("username", "password"),
    [("", "a long passphrase"), ("has space", "a long passphrase"), ("mia", "short"), ("mia", "12345678901")],
)
def test_it_refuses_bad_usernames_and_weak_passwords(db, username, password):
    with pytest.raises(Invalid):
        create_account(username, password)


def test_it_issues_a_token_for_the_right_password(host):
    assert identify_token(issue_token(host.username, PASSWORD)).user == host


def test_it_refuses_a_token_for_a_wrong_password(host):
    with pytest.raises(Unauthenticated):
        issue_token(host.username, "not the password")


@pytest.mark.parametrize("token", ["", "nonsense", "lpa_unknown", "lpg_unknown"])
def test_it_refuses_unknown_tokens(db, token):
    with pytest.raises(Unauthenticated):
        identify_token(token)


def test_it_refuses_the_token_of_a_deactivated_account(host):
    token = issue_token(host.username, PASSWORD)
    host.is_active = False
    host.save()
    with pytest.raises(Unauthenticated):
        identify_token(token)
