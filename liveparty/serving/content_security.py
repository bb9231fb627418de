"""A Content-Security-Policy on every page: script only from our own files (no inline
script, no other site's: a party may be offline, and script from elsewhere would run in
our origin), sockets only to this host. Styles may be inline: the charts (Chartist) draw
SVG with style attributes, which cannot run code."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


def policy(host: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",  # QR codes, a selfie's preview
            "media-src 'self' blob:",  # the camera's stream
            f"connect-src 'self' ws://{host} wss://{host}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def content_security_policy(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            response.setdefault("Content-Security-Policy", policy(request.get_host()))
        return response

    return middleware
