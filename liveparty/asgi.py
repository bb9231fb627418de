"""ASGI entry point: HTTP through Django, WebSockets through the consumers, engine
channels through their workers."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liveparty.settings")

# Django first: the consumers import models (as django.core.asgi.get_asgi_application does).
django.setup(set_prefix=False)

from liveparty.serving.http_handler import SyncChainHandler  # noqa: E402

http_application = SyncChainHandler()

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
