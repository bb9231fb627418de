from django.urls import path

from event_host import views

app_name = "event_host"
urlpatterns = [path("", views.home, name="home")]
