from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie

from liveparty.errors import NotFound
from liveparty.events.services import get_event


@ensure_csrf_cookie
def console(request: HttpRequest, code: str) -> HttpResponse:
    try:
        event = get_event(code)
    except NotFound as error:
        raise Http404(error.message) from error
    return render(request, "dj_console/console.html", {"event": event})
