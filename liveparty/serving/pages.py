"""The pages a process serves (LIVEPARTY_SERVES): each page owns some HTTP paths (its
WebSocket role is routed in consumers/routing.py); the API, the static files and the
health endpoints are served by every process. The front door (deploy/) routes each
page's paths to that page's servers; a request that reaches the wrong server anyway gets
a 404 that says where it belongs, rather than a page whose live socket then goes to a
server that refuses it."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound

# The HTTP paths of each page (the root redirects to the host page, and is everyone's).
PAGE_PATHS = {
    "host": ("/host/", "/stats/", "/admin/"),
    "dj": ("/dj/",),
    "guest": ("/e/",),
}


def page_of(path: str) -> str | None:
    """The page an HTTP path belongs to; None for the paths every process serves."""
    for page, prefixes in PAGE_PATHS.items():
        if path.startswith(prefixes):
            return page
    return None


def serves(page: str | None) -> bool:
    return page is None or page in settings.SERVES


class ServedPagesMiddleware:
    """Refuses the paths of the pages this process does not serve."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        page = page_of(request.path)
        if not serves(page):
            served = ", ".join(sorted(settings.SERVES))
            return HttpResponseNotFound(
                f"This server serves the {served} page(s), not the {page} page: open it through the front door.",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
