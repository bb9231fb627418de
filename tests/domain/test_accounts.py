import pytest

from liveparty.accounts.models import AccountToken, User
from liveparty.accounts.services import (
    FAILED_LOGINS_PER_ACCOUNT,
    FAILED_LOGINS_PER_ADDRESS,
    SIGNUPS_PER_ADDRESS,
    allow_signup_from,
    create_account,
    identify_token,
    issue_token,
)
from liveparty.errors import Conflict, Invalid, RateLimited, Unauthenticated
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
    assert identify_token(issue_token(host.username, PASSWORD, "127.0.0.1")).user == host


def test_it_refuses_a_token_for_a_wrong_password(host):
    with pytest.raises(Unauthenticated):
        issue_token(host.username, "not the password", "127.0.0.1")


@pytest.mark.parametrize("token", ["", "nonsense", "lpa_unknown", "lpg_unknown"])
def test_it_refuses_unknown_tokens(db, token):
    with pytest.raises(Unauthenticated):
        identify_token(token)


def test_it_refuses_the_token_of_a_deactivated_account(host):
    token = issue_token(host.username, PASSWORD, "127.0.0.1")
    host.is_active = False
    host.save()
    with pytest.raises(Unauthenticated):
        identify_token(token)


def test_after_too_many_wrong_passwords_even_the_right_one_waits(host):
    """40 wrong passwords in 12 s, then the right one worked (F10)."""
    for _ in range(FAILED_LOGINS_PER_ACCOUNT.count):
        with pytest.raises(Unauthenticated):
            issue_token(host.username, "not the password", "198.51.100.7")
    with pytest.raises(RateLimited) as refused:
        issue_token(host.username, PASSWORD, "203.0.113.9")  # from anywhere else too
    assert refused.value.retry_after > 0
    assert "wrong passwords" in refused.value.message


def test_one_address_guessing_many_accounts_is_stopped(db):
    users = [User.objects.create_user(f"dj{i}", password=PASSWORD) for i in range(4)]
    for i in range(FAILED_LOGINS_PER_ADDRESS.count):
        with pytest.raises(Unauthenticated):
            issue_token(users[i % 4].username, "guess", "198.51.100.7")
    with pytest.raises(RateLimited):
        issue_token(users[0].username, PASSWORD, "198.51.100.7")
    assert identify_token(issue_token(users[0].username, PASSWORD, "203.0.113.9")).user == users[0]


def test_sign_ups_from_one_address_are_limited(db):
    for _ in range(SIGNUPS_PER_ADDRESS.count):
        allow_signup_from("198.51.100.7")
    with pytest.raises(RateLimited):
        allow_signup_from("198.51.100.7")
    allow_signup_from("203.0.113.9")
