from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from api.main import api
from event_host import views as host_views
from liveparty.serving import views as serving_views


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    """Browsers ask for /favicon.ico on pages without an icon link (the admin, the API docs)."""
    return HttpResponseRedirect(static("liveparty/favicon.svg"))


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="event_host:home"), name="root"),
    path("favicon.ico", favicon),
    path("healthz", serving_views.healthz, name="healthz"),
    path("readyz", serving_views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("host/", include("event_host.urls")),
    path("stats/", host_views.statistics, name="stats"),
    path("dj/", include("dj_console.urls")),
    path("e/", include("guest_app.urls")),
]
