import io

import segno
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

from event_host.forms import SignupForm
from liveparty.accounts.services import create_account
from liveparty.errors import DomainError
from liveparty.events.lookups import event_or_404
from liveparty.events.models import Event

# Modules per QR "dot" in the SVG: the page scales it; the border is the quiet zone scanners need.
QR_SCALE = 10
QR_BORDER = 4


@ensure_csrf_cookie
def home(request: HttpRequest) -> HttpResponse:
    """The event starter: log in or sign up; then start, show, invite and end events."""
    if not request.user.is_authenticated:
        return render(request, "event_host/welcome.html", {"signup": SignupForm()})
    hosted = Event.objects.filter(host=request.user, status=Event.Status.LIVE).order_by("-started_at")
    chosen = next((event for event in hosted if event.code == request.GET.get("event", "").upper()), None)
    page = {"me": request.user.public, "event": chosen.code if chosen else None}
    context = {"hosted": hosted, "chosen": chosen, "page": page}
    if chosen is not None:
        context["join_url"] = join_url(request, chosen)
    return render(request, "event_host/home.html", context)


def signup(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
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
    segno.make(join_url(request, event), error="m").save(
        svg, kind="svg", scale=QR_SCALE, border=QR_BORDER, dark="#000", light="#fff"
    )
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")


def join_url(request: HttpRequest, event: Event) -> str:
    return request.build_absolute_uri(reverse("guest_app:event", args=[event.code]))
