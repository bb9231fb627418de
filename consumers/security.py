"""Which pages may open a socket: the site's own, by the Origin header.

Browsers always send Origin, so a page on another site, or on another port or scheme of
this host, cannot open a socket that carries our session cookie. The origin must be the
handshake's own (its scheme, and its Host, port included, a host Django accepts), or one
the deployment trusts (CSRF_TRUSTED_ORIGINS, PUBLIC_URL): the rule Django's CSRF check
applies to a form's post. Clients without an Origin (scripts, phone apps) are not
browsers: they authenticate with a bearer token, which no other site can make a browser
send, so they are let through to the consumer's own checks.
"""

from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host

from consumers.transport import Receive, Send

DEFAULT_PORTS = {"http": "80", "https": "443"}


def origin_of(url: str) -> str:
    """scheme://host[:port], lower case, without the scheme's default port."""
    parts = urlsplit(url.strip().lower())
    host, port = split_domain_port(parts.netloc)
    if not parts.scheme or not host:
        return ""
    if ":" in host:  # split_domain_port unwraps an IPv6 address
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != DEFAULT_PORTS.get(parts.scheme) else "")


def trusted_origins() -> set[str]:
    urls = [*settings.CSRF_TRUSTED_ORIGINS, settings.PUBLIC_URL]
    return {origin_of(url) for url in urls if url and "*" not in url}


def handshake_scheme(scope: dict, headers: dict[bytes, bytes]) -> str:
    """http or https, as the browser sees the page: behind a TLS front door, its
    SECURE_PROXY_SSL_HEADER says https (the same rule as Django's request.is_secure)."""
    secure = scope.get("scheme") == "wss"
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header is not None:
        name, value = proxy_header
        header = name.removeprefix("HTTP_").replace("_", "-").lower().encode("latin-1")
        forwarded = headers.get(header, b"").decode("latin-1").split(",")[0].strip()
        secure = forwarded == value
    return "https" if secure else "http"


def origin_allowed(scope: dict) -> bool:
    headers = dict(scope.get("headers", []))
    origin = headers.get(b"origin")
    if origin is None:
        return True
    host = headers.get(b"host", b"").decode("latin-1").strip().lower()
    domain, _ = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return False
    claimed = origin_of(origin.decode("latin-1"))
    return claimed != "" and claimed in {origin_of(f"{handshake_scheme(scope, headers)}://{host}"), *trusted_origins()}


class SiteOriginValidator:
    """ASGI middleware: a handshake from a foreign origin is refused (HTTP 403)."""

    def __init__(self, application: object) -> None:
        self.application = application

    async def __call__(self, scope: dict, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket" and not origin_allowed(scope):
            return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)
