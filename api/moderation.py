"""The guests the DJs muted or banned at an event: the console's list of them, with the
way back (muting, banning and welcoming back are the console's WebSocket actions)."""

from django.http import HttpRequest
from ninja import Router

from api.identity import AccountAuth
from api.schemas import REFUSALS
from liveparty import access
from liveparty.events import moderation
from liveparty.events.services import get_event

router = Router(tags=["moderation"])


@router.get("/events/{code}/sanctions", auth=AccountAuth(), response={200: list[dict], **REFUSALS})
def sanctions(request: HttpRequest, code: str) -> list[dict]:
    event = get_event(code)
    access.require_staff(event, request.auth.user, "who is muted or banned")
    return [moderation.public(guest) for guest in moderation.sanctioned(event)]
