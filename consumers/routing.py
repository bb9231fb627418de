"""WebSocket URLs: /ws/events/{code}/{role}/."""

from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
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


CONSUMERS = {"guest": GuestConsumer, "dj": DJConsumer, "host": HostConsumer}

# Only the roles of the pages this process serves (settings.SERVES): another role's
# socket is refused as an unknown one.
websocket_urlpatterns = [
    *(
        path(f"ws/events/<str:code>/{role}/", consumer.as_asgi())
        for role, consumer in CONSUMERS.items()
        if role in settings.SERVES
    ),
    re_path(r"^ws/", NoSuchSocket.as_asgi()),
]
