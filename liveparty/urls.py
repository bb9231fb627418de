from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from api.main import api

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="event_host:home"), name="root"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("host/", include("event_host.urls")),
    path("dj/", include("dj_console.urls")),
    path("e/", include("guest_app.urls")),
]
