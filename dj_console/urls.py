from django.urls import path

from dj_console import views

app_name = "dj_console"
urlpatterns = [
    path("", views.my_sets, name="sets"),
    path("<str:code>/", views.console, name="console"),
]
