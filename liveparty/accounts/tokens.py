"""Bearer tokens: random, shown once, stored as a SHA-256 hash.

The prefix tells an account token from a guest token at a glance (and lets the
authenticator look in the right table); the hash means a leaked database does
not leak working tokens.
"""

import hashlib
import secrets

ACCOUNT_PREFIX = "lpa_"
GUEST_PREFIX = "lpg_"
# 32 random bytes: far beyond guessing, short enough for a header.
TOKEN_BYTES = 32


def new_token(prefix: str) -> tuple[str, str]:
    """Return (token to hand out, hash to store)."""
    token = prefix + secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
