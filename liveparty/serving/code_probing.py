"""The pages and the API count the event codes that did not exist (liveparty/events/probing.py)."""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from liveparty.errors import RateLimited
from liveparty.events import probing
from liveparty.network import request_address

# Paths that name an event by its code: the guest page, the console, the API's events.
CODE_IN_PATH = re.compile(r"^/(?:e|dj|api/events)/(?P<code>[^/]+)/?")


def code_probing(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        match = CODE_IN_PATH.match(request.path)
        if match is None:
            return get_response(request)
        address = request_address(request)
        try:
            probing.refuse_a_prober(address)
        except RateLimited as refusal:
            return too_many(request, refusal)
        response = get_response(request)
        # A 404 may be of something inside a real party (a request withdrawn already).
        if response.status_code == 404 and not probing.exists(match["code"]):
            probing.missed(address)
        return response

    return middleware


def too_many(request: HttpRequest, refusal: RateLimited) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": refusal.as_dict()}, status=refusal.http_status)
    else:
        response = HttpResponse(refusal.message, status=refusal.http_status, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(refusal.retry_after)
    return response
