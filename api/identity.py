"""Who is calling: a bearer token when one is sent, else the browser's session.

The auth classes run before ninja parses the body, so a caller without an identity
hears 401 whatever else is wrong with the request. OpenAPI documents them as bearer
auth, which is what programmatic clients use.
"""

from django.http import HttpRequest
from ninja.security.http import HttpAuthBase
from ninja.utils import check_csrf

from liveparty.accounts.services import Identity, identify
from liveparty.errors import Forbidden, Unauthenticated
from liveparty.events.models import Event
from liveparty.events.services import get_event

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def caller(request: HttpRequest, event: Event | None = None) -> Identity:
    header = request.headers.get("Authorization")
    identity = identify(header, request.user, request.session, event.pk if event is not None else None)
    # The session cookie rides along on cross-site requests: writes need the CSRF token.
    if header is None and not identity.is_anonymous and request.method not in SAFE_METHODS and check_csrf(request):
        raise Forbidden("The page's security token is missing or stale; reload the page.")
    return identity


def is_browser(request: HttpRequest) -> bool:
    """Browsers send their cookies, and an Origin with every cross-site write; a script
    that sends neither cannot act in anyone's browser."""
    return bool(request.COOKIES) or "Origin" in request.headers


class AccountAuth(HttpAuthBase):
    """An account: a host or a DJ."""

    openapi_scheme = "bearer"

    def __call__(self, request: HttpRequest) -> Identity:
        identity = caller(request)
        if identity.user is None:
            raise Unauthenticated("Log in, or send an account token.")
        return identity


class EventAuth(HttpAuthBase):
    """Anyone with an identity at the event in the path: an account, or a guest of that event."""

    openapi_scheme = "bearer"

    def __call__(self, request: HttpRequest) -> Identity:
        event = get_event(request.resolver_match.kwargs["code"])
        identity = caller(request, event)
        if identity.is_anonymous:
            raise Unauthenticated("Join the event first.")
        return identity
