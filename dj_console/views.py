from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie

from liveparty.access import can_manage, is_dj
from liveparty.events.listing import parties_of
from liveparty.events.lookups import event_or_404
from liveparty.mood.models import Mood


@login_required
def my_sets(request: HttpRequest) -> HttpResponse:
    """Where a DJ finds their console: the parties I am main or co-DJ of, live first."""
    return render(request, "dj_console/sets.html", {"parties": parties_of(request.user, djing_only=True)})


@ensure_csrf_cookie
@login_required
def console(request: HttpRequest, code: str) -> HttpResponse:
    """The DJ console: the page is for the event's DJs (others see a sentence, not a console)."""
    event = event_or_404(code)
    page = {
        "code": event.code,
        "is_dj": is_dj(event, request.user),
        "can_end": can_manage(event, request.user),
        "moods": dict(Mood.choices),
    }
    return render(request, "dj_console/console.html", {"event": event, "page": page})
