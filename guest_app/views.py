from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import ensure_csrf_cookie

from liveparty import access
from liveparty.accounts import spotify
from liveparty.accounts.models import Guest
from liveparty.accounts.services import identify
from liveparty.accounts.sessions import session_guest
from liveparty.events.lookups import event_or_404
from liveparty.events.models import Event
from liveparty.mood.crowd import HORIZON
from liveparty.mood.models import Mood
from liveparty.recap.poll import poll_results
from liveparty.recap.services import my_night, party_recap
from liveparty.song_requests.services import MAX_SCORE, MIN_SCORE


@ensure_csrf_cookie
def event(request: HttpRequest, code: str) -> HttpResponse:
    """The guest page; a browser that joined before is the same guest (its session)."""
    party = event_or_404(code)
    guest = session_guest(request.session, party.pk)
    banned = guest is not None and guest.standing == Guest.Standing.BANNED
    page = {
        "code": party.code,
        "guest": guest.public if guest and not banned else None,
        # What the DJs made of this guest (a notice on the socket says when it changes).
        "standing": guest.standing if guest else None,
        "moods": dict(Mood.choices),
        "recap_url": reverse("guest_app:recap", args=[party.code]),
    }
    context = {
        "event": party,
        "guest": guest,
        "banned": banned,
        "page": page,
        "moods": Mood.choices,
        "scores": range(MIN_SCORE, MAX_SCORE + 1),
    }
    return render(request, "guest_app/event.html", context)


@ensure_csrf_cookie
def recap_page(request: HttpRequest, code: str) -> HttpResponse:
    """After the party, for everyone: what was asked for, what played, how the crowd felt,
    and the visitor's own night. While it is live only its host and DJs see it grow."""
    party = event_or_404(code)
    identity = identify(None, request.user, request.session, party.pk)
    page = None
    if access.can_see_recap(party, identity):
        guest = identity.guest if access.is_guest_of(party, identity) else None
        page = {
            "code": party.code,
            "recap": party_recap(party),
            "me": my_night(guest) if guest is not None else None,
            "poll": poll_results(party, guest),
            "can_close_poll": access.can_manage(party, identity.user),
            "moods": dict(Mood.choices),
            # A song counts in "my" mood when I told it this long before (as in the statistics).
            "mood_within_minutes": HORIZON // timedelta(minutes=1),
            "exports": _exports(request, party) if access.is_staff(party, identity.user) else None,
        }
    return render(request, "guest_app/recap.html", {"event": party, "page": page})


def _exports(request: HttpRequest, party: Event) -> dict:
    """The playlist downloads, and Spotify: saved in my account, or a way to connect one."""
    here = reverse("guest_app:recap", args=[party.code])
    return {
        **{kind: reverse("api:played_playlist", args=[party.code, kind]) for kind in ("m3u", "csv")},
        "spotify": {
            "connected": spotify.is_connected(request.user),
            "connect_url": f"{reverse('event_host:spotify_connect')}?next={here}",
            "save_url": reverse("api:save_to_spotify", args=[party.code]),
            # Back from connecting: "connected" or "refused".
            "outcome": request.GET.get("spotify"),
        },
    }
