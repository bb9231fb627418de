"""Event codes: short enough to type from a screen, random enough not to guess.

No 0/O, 1/I/L: they are read aloud and typed on phones. 31 symbols over 6 places
give about 887 million codes, so walking the space to find a party is hopeless.
"""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """Codes are case-insensitive: stored and compared in upper case."""
    return raw.strip().upper()
