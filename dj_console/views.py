from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie

from liveparty.events.lookups import event_or_404
from liveparty.events.services import dj_membership


@ensure_csrf_cookie
@login_required
def console(request: HttpRequest, code: str) -> HttpResponse:
    """The DJ console: the page is for the event's DJs (others see a sentence, not a console)."""
    event = event_or_404(code)
    page = {"code": event.code, "is_dj": dj_membership(event, request.user) is not None}
    return render(request, "dj_console/console.html", {"event": event, "page": page})
