from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from liveparty.errors import NotFound
from liveparty.events.services import get_event


def console(request: HttpRequest, code: str) -> HttpResponse:
    try:
        event = get_event(code)
    except NotFound as error:
        raise Http404(error.message) from error
    return render(request, "dj_console/console.html", {"event": event})
