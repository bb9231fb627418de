import io
import secrets

import segno
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

from event_host.forms import SignupForm
from liveparty.accounts import spotify
from liveparty.accounts.services import allow_signup_from, create_account
from liveparty.errors import DomainError
from liveparty.events.listing import parties_of
from liveparty.events.lookups import event_or_404
from liveparty.mood.models import Mood
from liveparty.network import request_address
from liveparty.public_url import join_url, only_this_computer

# The session key of a Spotify connection under way: its state and where to come back.
SPOTIFY_STATE = "liveparty_spotify"
# Modules per QR "dot" in the SVG: the page scales it; the border is the quiet zone scanners need.
QR_SCALE = 10
QR_BORDER = 4


@ensure_csrf_cookie
def home(request: HttpRequest) -> HttpResponse:
    """The event starter and an account's home: start a party; my parties, live and past
    (hosted or DJed); the chosen one's code, QR code and controls, or its party-over view."""
    if not request.user.is_authenticated:
        return render(request, "event_host/welcome.html", {"signup": SignupForm()})
    parties = parties_of(request.user)
    hosted = {party.event.code: party.event for party in parties if party.hosting}
    chosen = hosted.get(request.GET.get("event", "").strip().upper())
    page = {"me": request.user.public, "event": chosen.code if chosen else None}
    context = {"parties": parties, "chosen": chosen, "page": page}
    if chosen is not None:
        context["join_url"] = join_url(request, chosen.code)
        context["only_this_computer"] = only_this_computer(context["join_url"])
    return render(request, "event_host/home.html", context)


@login_required(login_url="event_host:login")
def statistics(request: HttpRequest) -> HttpResponse:
    """How the crowds felt across my parties (the figures come from the API, in the
    browser's time zone); the site's staff may look across every party."""
    page = {"moods": dict(Mood.choices), "site_staff": request.user.is_staff}
    return render(request, "event_host/stats.html", {"page": page})


@login_required(login_url="event_host:login")
def spotify_connect(request: HttpRequest) -> HttpResponse:
    """Off to Spotify to let LiveParty save playlists in my account; `next` is where I come back."""
    state = secrets.token_urlsafe(24)
    request.session[SPOTIFY_STATE] = {"state": state, "next": _local(request.GET.get("next", ""))}
    try:
        return redirect(spotify.authorize_url(_spotify_callback(request), state))
    except DomainError as refusal:
        return render(request, "event_host/spotify.html", {"sentence": refusal.message}, status=409)


@login_required(login_url="event_host:login")
def spotify_callback(request: HttpRequest) -> HttpResponse:
    """Spotify sends the DJ back here with a code (or an error): only for the state we sent."""
    pending = request.session.pop(SPOTIFY_STATE, None)
    if pending is None or not secrets.compare_digest(pending["state"], request.GET.get("state", "")):
        sentence = "That Spotify answer was not for this browser: start the connection again."
        return render(request, "event_host/spotify.html", {"sentence": sentence}, status=400)
    outcome = "refused"
    if "code" in request.GET:
        try:
            spotify.connect(request.user, request.GET["code"], _spotify_callback(request))
            outcome = "connected"
        except DomainError:
            outcome = "refused"
    return redirect(f"{pending['next'] or reverse('event_host:home')}?spotify={outcome}")


def _spotify_callback(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("event_host:spotify_callback"))


def _local(path: str) -> str:
    """Only a path on this site: a link elsewhere would make this an open redirect."""
    return path if url_has_allowed_host_and_scheme(path, allowed_hosts=None) and path.startswith("/") else ""


def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            allow_signup_from(request_address(request))
            user, _ = create_account(data["username"], data["password"], data["display_name"])
        except DomainError as refusal:
            form.add_error(None, refusal.message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("event_host:home")
    return render(request, "event_host/welcome.html", {"signup": form}, status=400 if form.errors else 200)


@require_GET
def qr_code(request: HttpRequest, code: str) -> HttpResponse:
    """The join URL as an SVG QR code, drawn here: a party may have no internet."""
    event = event_or_404(code)
    svg = io.BytesIO()
    segno.make(join_url(request, event.code), error="m").save(
        svg, kind="svg", scale=QR_SCALE, border=QR_BORDER, dark="#000", light="#fff"
    )
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")
