"""Accounts and tokens."""

from django.http import HttpRequest
from ninja import Router, Status

from api.schemas import AccountIn, AccountOut, ErrorOut, TokenIn, TokenOut
from liveparty.accounts import services
from liveparty.network import request_address

router = Router(tags=["accounts"])


@router.post("", response={201: AccountOut, 400: ErrorOut, 409: ErrorOut, 429: ErrorOut})
def create_account(request: HttpRequest, body: AccountIn) -> Status:
    services.allow_signup_from(request_address(request))
    user, token = services.create_account(body.username, body.password, body.display_name)
    return Status(201, {"id": user.pk, **user.public, "token": token})


token_router = Router(tags=["accounts"])


@token_router.post("", response={200: TokenOut, 400: ErrorOut, 401: ErrorOut, 429: ErrorOut})
def create_token(request: HttpRequest, body: TokenIn) -> dict:
    return {"token": services.issue_token(body.username, body.password, request_address(request))}
