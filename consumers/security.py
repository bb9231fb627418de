"""Which pages may open a socket: the site's own, by the Origin header.

Browsers always send Origin, so a page on another site cannot open a socket that
carries our session cookie. Clients without an Origin (scripts, phone apps) are not
browsers: they authenticate with a bearer token, which no other site can make a
browser send, so they are let through to the consumer's own checks.
"""

from channels.security.websocket import OriginValidator
from django.conf import settings


class SiteOriginValidator(OriginValidator):
    def __init__(self, application: object) -> None:
        super().__init__(application, allowed_origins=[])

    def valid_origin(self, parsed_origin: object) -> bool:
        if parsed_origin is None:
            return True
        hosts = settings.ALLOWED_HOSTS
        return any(pattern == "*" or self.match_allowed_origin(parsed_origin, pattern) for pattern in hosts)
