"""The address guests' phones open: the join link and its QR code.

A page opened on the DJ's laptop as http://127.0.0.1:8000 must not hand phones that
address, which leads each phone to itself. In order: PUBLIC_URL when it is set (a
front door, a tunnel, a fixed name on the Wi-Fi); else, when the server listens on every
interface (`HOST=0.0.0.0 make run`) and the page was opened on a loopback address, the
machine's address on the local network; else the address the page was opened on.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from liveparty.network import ALL_INTERFACES, is_loopback, lan_address


def public_base(request: HttpRequest) -> str:
    """Scheme, host and port that phones can open (no trailing slash)."""
    if settings.PUBLIC_URL:
        return settings.PUBLIC_URL.rstrip("/")
    host = request.get_host()
    opened = urlsplit(f"//{host}")
    if settings.LISTEN_HOST in ALL_INTERFACES and is_loopback(opened.hostname or ""):
        lan = lan_address()
        if lan is not None:
            return f"{request.scheme}://{lan}" + (f":{opened.port}" if opened.port else "")
    return f"{request.scheme}://{host}"


def join_url(request: HttpRequest, code: str) -> str:
    return public_base(request) + reverse("guest_app:event", args=[code])


def only_this_computer(url: str) -> bool:
    """True when the link leads nowhere from a phone (a loopback address)."""
    return is_loopback(urlsplit(url).hostname or "")
