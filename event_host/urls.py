from django.contrib.auth import views as auth_views
from django.urls import path

from event_host import views
from event_host.forms import LoginForm

app_name = "event_host"
urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="event_host/login.html", authentication_form=LoginForm),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="event_host:home"), name="logout"),
    path("signup/", views.signup, name="signup"),
    path("events/<str:code>/qr.svg", views.qr_code, name="qr"),
    path("spotify/connect/", views.spotify_connect, name="spotify_connect"),
    path("spotify/callback/", views.spotify_callback, name="spotify_callback"),
]
