from django.urls import path

from guest_app import views

app_name = "guest_app"
urlpatterns = [
    path("<str:code>/", views.event, name="event"),
    path("<str:code>/recap/", views.recap_page, name="recap"),
]
