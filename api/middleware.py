"""Keeps every answer under /api/ in docs/protocol.md's error shape, including Django's own
404 for an unknown path and ninja's 405 for a wrong method (both plain text or HTML)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

API_PREFIX = "/api/"
PLAIN_REFUSALS = {
    404: ("not_found", "There is no such API endpoint."),
    405: ("invalid", "That method is not allowed on this endpoint."),
}


def json_errors(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[[HttpRequest], HttpResponse]:
    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        refusal = PLAIN_REFUSALS.get(response.status_code)
        if refusal is None or not request.path.startswith(API_PREFIX):
            return response
        if response.get("Content-Type", "").startswith("application/json"):
            return response
        code, message = refusal
        replacement = JsonResponse({"error": {"code": code, "message": message}}, status=response.status_code)
        if response.has_header("Allow"):
            replacement["Allow"] = response["Allow"]
        return replacement

    return middleware
