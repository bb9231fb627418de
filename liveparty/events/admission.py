"""Who may mint guests, how fast: a script must not fill a party with voices of its own
(F1: 100 guests from one address in two seconds, 60 of them asking for one song).

A phone joins once, from the page it loaded; the page's CSRF cookie tells one browser
from another. Per browser, a few joins an hour at one party (a new nickname, a second
try). Per address, a steady stream: a party behind one NAT address (300 phones over five
minutes) gets in, a loop minting guests (120 in a few seconds) is refused with 429
after its first share.
"""

import hashlib
from datetime import timedelta

from liveparty.limits import Limit

JOINS_PER_ADDRESS = Limit(
    "join-address",
    40,
    timedelta(seconds=20),
    "Lots of people just joined from this network; try again in {wait}.",
)
JOINS_PER_BROWSER = Limit(
    "join-browser",
    3,
    timedelta(hours=1),
    "This browser has joined this party several times already; try again in {wait}.",
)


def browser_key(csrf_cookie: str | None) -> str:
    """What tells one browser from another, kept (with a guest, in the limits' keys)
    as a digest: the cookie itself is a secret of that browser's. Blank for a client
    that keeps no cookies (a script)."""
    return hashlib.sha256(csrf_cookie.encode()).hexdigest() if csrf_cookie else ""


def allow_join(event_id: int, address: str, browser: str) -> None:
    """Count a join; RateLimited past either limit. `browser` (its key) is blank for a
    client that keeps no cookies (a script): only its address counts, which stops it."""
    if browser:
        JOINS_PER_BROWSER.spend(f"{event_id}:{browser}")
    JOINS_PER_ADDRESS.spend(address)
