"""Account actions: sign up, issue tokens, identify a caller."""

from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from liveparty.accounts.models import AccountToken, Guest, User
from liveparty.accounts.sessions import session_guest
from liveparty.accounts.tokens import ACCOUNT_PREFIX, GUEST_PREFIX, hash_token, new_token
from liveparty.errors import Conflict, Invalid, Unauthenticated
from liveparty.limits import Limit

DISPLAY_NAME_MAX_LENGTH = User._meta.get_field("display_name").max_length
USERNAME_MAX_LENGTH = User._meta.get_field("username").max_length

# A person mistypes a password a few times; a script tries thousands.
FAILED_LOGINS_PER_ACCOUNT = Limit(
    "login-failed-account", 10, timedelta(minutes=15), "Too many wrong passwords for this account; try again in {wait}."
)
FAILED_LOGINS_PER_ADDRESS = Limit(
    "login-failed-address", 30, timedelta(minutes=15), "Too many wrong passwords from here; try again in {wait}."
)
# A household or an office behind one address signs up a few hosts, not a hundred.
SIGNUPS_PER_ADDRESS = Limit(
    "signup-address", 10, timedelta(hours=1), "Too many new accounts from here; try again in {wait}."
)


@dataclass(frozen=True)
class Identity:
    """Who is calling: an account, a guest of one event, or nobody."""

    user: User | None = None
    guest: Guest | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.user is None and self.guest is None


def _first_message(error: ValidationError) -> str:
    return " ".join(error.messages)


def create_account(username: str, password: str, display_name: str = "") -> tuple[User, str]:
    """Create an account and its first token."""
    username = username.strip()
    display_name = display_name.strip() or username
    if not username:
        raise Invalid("Choose a username.")
    if len(username) > USERNAME_MAX_LENGTH:
        raise Invalid(f"A username has at most {USERNAME_MAX_LENGTH} characters.")
    if len(display_name) > DISPLAY_NAME_MAX_LENGTH:
        raise Invalid(f"A display name has at most {DISPLAY_NAME_MAX_LENGTH} characters.")
    try:
        UnicodeUsernameValidator()(username)
        validate_password(password, User(username=username, display_name=display_name))
    except ValidationError as error:
        raise Invalid(_first_message(error)) from error
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=username, password=password, display_name=display_name)
            token = _issue(user)
    except IntegrityError as error:
        raise Conflict(f"The username {username!r} is taken.", code="username_taken") from error
    return user, token


def issue_token(username: str, password: str, address: str) -> str:
    """Trade a username and password for a new bearer token."""
    return _issue(log_in(username, password, address))


def log_in(username: str, password: str, address: str) -> User:
    """The account of a username and password, tried from `address`. After too many wrong
    passwords for the account, or from the address, every try is refused for a while,
    the right password too: a script must not go on guessing until it hits."""
    whose = ((FAILED_LOGINS_PER_ACCOUNT, username.casefold()), (FAILED_LOGINS_PER_ADDRESS, address))
    for limit, key in whose:
        limit.refuse_if_spent(key)
    user = authenticate(username=username, password=password)
    if user is None:
        for limit, key in whose:
            limit.count_one(key)
        raise Unauthenticated("Wrong username or password.")
    return user


def allow_signup_from(address: str) -> None:
    """Count a sign-up from `address`; RateLimited past SIGNUPS_PER_ADDRESS."""
    SIGNUPS_PER_ADDRESS.spend(address)


def _issue(user: User) -> str:
    token, key_hash = new_token(ACCOUNT_PREFIX)
    AccountToken.objects.create(user=user, key_hash=key_hash)
    return token


def identify_token(token: str) -> Identity:
    """The identity a bearer token stands for; unknown tokens are refused, not ignored."""
    if token.startswith(ACCOUNT_PREFIX):
        record = AccountToken.objects.select_related("user").filter(key_hash=hash_token(token)).first()
        if record is not None and record.user.is_active:
            return Identity(user=record.user)
    elif token.startswith(GUEST_PREFIX):
        guest = Guest.objects.select_related("event").filter(token_hash=hash_token(token)).first()
        if guest is not None:
            return Identity(guest=guest)
    raise Unauthenticated("That token is not valid.")


def identify_authorization(header: str) -> Identity:
    """The identity of an `Authorization: Bearer <token>` header (HTTP or WebSocket handshake)."""
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("Send the token as `Authorization: Bearer <token>`.")
    return identify_token(token.strip())


def identify(
    authorization: str | None, user: User | None, session: MutableMapping | None, event_id: int | None
) -> Identity:
    """The caller of an HTTP request or a WebSocket handshake. A bearer token wins, and a
    bad one is refused rather than ignored (a script with a stale token hears of it);
    else the browser's session: its account, and its guest at `event_id`."""
    if authorization is not None:
        return identify_authorization(authorization)
    account = user if user is not None and user.is_authenticated else None
    guest = session_guest(session, event_id) if session is not None and event_id is not None else None
    return Identity(user=account, guest=guest)
