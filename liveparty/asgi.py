"""ASGI entry point: daphne serves HTTP through Django (WebSockets join with the consumers)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liveparty.settings")

application = get_asgi_application()
