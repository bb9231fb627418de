"""/healthz and /readyz on every server: plain JSON, no session, no authentication (a
load balancer or an orchestrator calls them), never cached."""

import asyncio

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from liveparty.serving import health


@never_cache
async def healthz(request: HttpRequest) -> JsonResponse:
    """The process is up and answering (it checks nothing else: a database outage must
    not get every server restarted)."""
    return JsonResponse({"status": "ok", "serves": sorted(settings.SERVES)})


@never_cache
async def readyz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the channel layer answer; 503 naming what does not."""
    database, channel_layer = await asyncio.gather(health.database_reachable(), health.channel_layer_reachable())
    checks = {"database": database or "ok", "channel_layer": channel_layer or "ok"}
    ready = database is None and channel_layer is None
    return JsonResponse({"status": "ready" if ready else "not_ready", "checks": checks}, status=200 if ready else 503)
