"""WebSocket URLs: /ws/events/{code}/{role}/."""

from channels.generic.websocket import AsyncWebsocketConsumer
from django.urls import path, re_path

from consumers.base import CLOSE_NOT_FOUND
from consumers.dj import DJConsumer
from consumers.guest import GuestConsumer
from consumers.host import HostConsumer


class NoSuchSocket(AsyncWebsocketConsumer):
    """Any other path under /ws/: accept and close with 4404, as for an unknown event."""

    async def connect(self) -> None:
        await self.accept()
        await self.close(code=CLOSE_NOT_FOUND)


websocket_urlpatterns = [
    path("ws/events/<str:code>/guest/", GuestConsumer.as_asgi()),
    path("ws/events/<str:code>/dj/", DJConsumer.as_asgi()),
    path("ws/events/<str:code>/host/", HostConsumer.as_asgi()),
    re_path(r"^ws/", NoSuchSocket.as_asgi()),
]
