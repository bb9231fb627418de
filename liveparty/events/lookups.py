"""Finding the event a page is about (a page answers 404 for an unknown code)."""

from django.http import Http404

from liveparty.errors import NotFound
from liveparty.events.models import Event
from liveparty.events.services import get_event


def event_or_404(code: str) -> Event:
    try:
        return get_event(code)
    except NotFound as error:
        raise Http404(error.message) from error
