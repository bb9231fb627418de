"""Django's ASGI handler, with the middleware and the view run in one hop to a thread.

Django's own handler runs its middleware chain in async mode and adapts each piece that
is not async: every `MiddlewareMixin` (security, sessions, CSRF, auth, messages...) then
hops to the thread for its `process_request` and again for its `process_response`, a
sync-only middleware hops back to the loop for what lies under it, and the view hops once
more. Our views all use the database, which only the one thread of sync work (asgiref's
thread-sensitive executor) touches, so each request went back and forth a dozen times;
in a burst of requests those hops were most of a guest server's event loop. Here the
chain is loaded in sync mode, as under WSGI, and a request crosses to that thread once.
An async view (the health checks) is then run on the loop from the thread, as Django
runs one under WSGI.
"""

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.base import BaseHandler
from django.http import HttpRequest, HttpResponseBase


class SyncChainHandler(ASGIHandler):
    def __init__(self) -> None:
        BaseHandler.__init__(self)
        self.load_middleware(is_async=False)

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)
