from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie

from liveparty.errors import NotFound
from liveparty.events.services import get_event


@ensure_csrf_cookie
def event(request: HttpRequest, code: str) -> HttpResponse:
    try:
        party = get_event(code)
    except NotFound as error:
        raise Http404(error.message) from error
    return render(request, "guest_app/event.html", {"event": party})
