from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie

from liveparty.accounts.sessions import session_guest
from liveparty.events.lookups import event_or_404
from liveparty.mood.models import Mood
from liveparty.requests.services import MAX_SCORE, MIN_SCORE


@ensure_csrf_cookie
def event(request: HttpRequest, code: str) -> HttpResponse:
    """The guest page; a browser that joined before is the same guest (its session)."""
    party = event_or_404(code)
    guest = session_guest(request.session, party.pk)
    page = {"code": party.code, "guest": guest.public if guest else None}
    context = {
        "event": party,
        "guest": guest,
        "page": page,
        "moods": Mood.choices,
        "scores": range(MIN_SCORE, MAX_SCORE + 1),
    }
    return render(request, "guest_app/event.html", context)
