from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import ensure_csrf_cookie

from liveparty.accounts.sessions import session_guest
from liveparty.events.lookups import event_or_404
from liveparty.mood.models import Mood
from liveparty.mood.services import mood_summary
from liveparty.song_requests.recap import recap
from liveparty.song_requests.services import MAX_SCORE, MIN_SCORE


@ensure_csrf_cookie
def event(request: HttpRequest, code: str) -> HttpResponse:
    """The guest page; a browser that joined before is the same guest (its session)."""
    party = event_or_404(code)
    guest = session_guest(request.session, party.pk)
    page = {
        "code": party.code,
        "guest": guest.public if guest else None,
        "moods": dict(Mood.choices),
        "recap_url": reverse("guest_app:recap", args=[party.code]),
    }
    context = {
        "event": party,
        "guest": guest,
        "page": page,
        "moods": Mood.choices,
        "scores": range(MIN_SCORE, MAX_SCORE + 1),
    }
    return render(request, "guest_app/event.html", context)


def recap_page(request: HttpRequest, code: str) -> HttpResponse:
    """After the party: what was asked for most and how the crowd felt. Open to all once
    the party has ended (the guests' party-over view links here)."""
    party = event_or_404(code)
    context = {"event": party, "moods": dict(Mood.choices)}
    if not party.is_live:
        context["recap"] = recap(party)
        summary = mood_summary(party)
        if summary is not None:
            context["mood_shares"] = [
                (label, round(summary["distribution"][value] * 100)) for value, label in Mood.choices
            ]
            context["mood_readings"] = summary["readings"]
    return render(request, "guest_app/recap.html", context)
