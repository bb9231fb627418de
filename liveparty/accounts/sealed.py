"""Secrets the app must send back as they are (a Spotify account's tokens) are kept
sealed, not hashed: encrypted and authenticated (Fernet) with a key derived from
SECRET_KEY, so a copy of the database alone reads nothing. Rotating SECRET_KEY unseals
nothing: those accounts connect again."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

# Derived keys differ per use: the same SECRET_KEY signs sessions too.
PURPOSE = b"liveparty sealed secrets"


class Unsealable(Exception):
    """Sealed with another key (SECRET_KEY changed), or tampered with."""


def _fernet() -> Fernet:
    digest = hashlib.sha256(PURPOSE + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode()


def unseal(sealed: str) -> str:
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken as error:
        raise Unsealable("The sealed secret does not open with this SECRET_KEY.") from error
