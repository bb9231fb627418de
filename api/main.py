"""The API instance and the one place where failures become the error bodies of docs/protocol.md."""

import logging

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser

from api.accounts import router as accounts_router
from api.accounts import token_router
from api.crates import router as crates_router
from api.events import router as events_router
from api.moderation import router as moderation_router
from api.moods import router as moods_router
from api.recap import router as recap_router
from api.stats import router as stats_router
from liveparty.engines import EngineError
from liveparty.errors import DomainError, describe_invalid

logger = logging.getLogger(__name__)


class NotJson(Exception):
    """A body that should be JSON came as something else."""


class JsonBodies(Parser):
    """A JSON body must say it is JSON. A form on another site can post text/plain that
    parses as JSON; it cannot send application/json without the browser asking us first
    (CORS), which we never allow. (ninja wraps this refusal in its HttpError 400:
    `http_error` answers it with 415.)"""

    def parse_body(self, request: HttpRequest) -> dict:
        if request.content_type != "application/json":
            raise NotJson(request.content_type)
        return super().parse_body(request)


api = NinjaAPI(
    parser=JsonBodies(),
    title="LiveParty API",
    version="1",
    description="HTTP half of the LiveParty wire contract (docs/protocol.md).",
    docs_url="/docs",
    urls_namespace="api",
)
api.add_router("/accounts", accounts_router)
api.add_router("/tokens", token_router)
api.add_router("/", events_router)
api.add_router("/", crates_router)
api.add_router("/", moderation_router)
api.add_router("/", moods_router)
api.add_router("/", recap_router)
api.add_router("/", stats_router)

# What a caller is told to wait when an engine may answer again soon.
ENGINE_RETRY_AFTER_S = 5

HTTP_CODES = {
    400: "invalid",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "invalid",
    409: "conflict",
}


def error_response(request: HttpRequest, status: int, body: dict) -> HttpResponse:
    response = api.create_response(request, {"error": body}, status=status)
    if "retry_after" in body:
        response["Retry-After"] = str(body["retry_after"])
    return response


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, error: DomainError) -> HttpResponse:
    return error_response(request, error.http_status, error.as_dict())


@api.exception_handler(EngineError)
def engine_error(request: HttpRequest, error: EngineError) -> HttpResponse:
    """An engine (the mood reader) failed: the page says so and offers what still works."""
    body = {"code": "engine_unavailable", "message": "That is not working right now; try again in a moment."}
    if error.permanent:
        body["message"] = "That is not available at this party."
    else:
        body["retry_after"] = ENGINE_RETRY_AFTER_S
    return error_response(request, 503, body)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    return error_response(request, 400, {"code": "invalid", "message": describe_invalid(error.errors)})


@api.exception_handler(AuthenticationError)
def authentication_error(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return error_response(request, 401, {"code": "unauthenticated", "message": "Log in first."})


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    if isinstance(error.__cause__, NotJson):
        message = "Send the body as JSON, with Content-Type: application/json."
        return error_response(request, 415, {"code": "invalid", "message": message})
    code = HTTP_CODES.get(error.status_code, "invalid")
    return error_response(request, error.status_code, {"code": code, "message": str(error)})


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return error_response(request, 404, {"code": "not_found", "message": "Nothing here."})


@api.exception_handler(Exception)
def unexpected(request: HttpRequest, error: Exception) -> HttpResponse:
    """A bug, never bad input: logged with its traceback, answered without one."""
    logger.exception("unhandled API error on %s %s", request.method, request.path)
    return error_response(request, 500, {"code": "internal", "message": "Something went wrong on our side."})
