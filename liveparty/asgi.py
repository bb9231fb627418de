"""ASGI entry point: HTTP through Django, WebSockets through the consumers, engine
channels through their workers."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liveparty.settings")

# Django first: the consumers import models.
http_application = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ChannelNameRouter, ProtocolTypeRouter, URLRouter  # noqa: E402

from consumers.engines import engine_workers  # noqa: E402
from consumers.routing import websocket_urlpatterns  # noqa: E402
from consumers.security import SiteOriginValidator  # noqa: E402
from consumers.transport import KeepServerSend  # noqa: E402
from liveparty.engines import NoteTheLoop  # noqa: E402
from liveparty.serving import daphne_requests  # noqa: E402
from liveparty.serving.body_limit import BodyLimit  # noqa: E402

daphne_requests.install()

application = NoteTheLoop(
    ProtocolTypeRouter(
        {
            "http": BodyLimit(http_application),
            "websocket": KeepServerSend(SiteOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))),
            # `manage.py runworker recommend`: the engines' worker processes.
            "channel": ChannelNameRouter(engine_workers),
        }
    )
)
