"""Event codes are short, so they can be found by trying: an address that asks for codes
that do not exist too often is refused for a while, for every code. A party's phones
type a code once or twice (a typo), then follow its link; a script tries thousands.

Every way in counts: the pages and the API (liveparty/serving/code_probing.py) and the
WebSocket handshake (consumers/base.py), whose refusal then looks like any other.
"""

from datetime import timedelta

from liveparty.events.codes import normalise_code
from liveparty.events.models import Event
from liveparty.limits import Limit

CODE_MISSES = Limit(
    "event-code-misses",
    20,
    timedelta(minutes=10),
    "Too many party codes that do not exist were tried from here; try again in {wait}.",
)


def refuse_a_prober(address: str) -> None:
    """RateLimited if `address` has tried too many codes that do not exist."""
    CODE_MISSES.refuse_if_spent(address)


def missed(address: str) -> None:
    CODE_MISSES.count_one(address)


def exists(code: str) -> bool:
    return Event.objects.filter(code=normalise_code(code)).exists()
