"""What the people of the browser tests do on the pages, step by step."""

import asyncio
import re

from django.test import Client
from playwright.sync_api import BrowserContext, Page, expect

from liveparty.accounts.models import User
from liveparty.accounts.services import issue_token
from liveparty.errors import Unauthenticated
from liveparty.processes import http_json
from tests.browser.conftest import off_the_loop
from tests.e2e.party_client import PartyClient
from tests.personas import PASSWORD as PERSONA_PASSWORD

# The server checks passwords with the production hashers: accounts that log in through
# the pages are made through the API.
PASSWORD = "turntables and coffee"


def make_dj(server: str, username: str, display_name: str) -> None:
    http_json(
        "POST", f"{server}/api/accounts", {"username": username, "password": PASSWORD, "display_name": display_name}
    )


def sign_up(page: Page, username: str, name: str) -> None:
    page.goto("/host/")
    expect(page.get_by_role("heading", name="Host a party, or DJ one")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Display name").fill(name)
    page.get_by_label("Password").fill("birthday party 2026")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text(f"Hi, {name}")).to_be_visible()


def log_in(page: Page, username: str, then: str) -> None:
    page.goto(f"/host/login/?next={then}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{then}")


def logged_in(context: BrowserContext, server: str, user: User) -> BrowserContext:
    """A context with the user's session (for accounts made in the test's own database)."""
    client = Client()
    client.force_login(user)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server}])
    return context


def join(page: Page, code: str, nickname: str) -> None:
    page.goto(f"/e/{code}/")
    page.get_by_label("Your nickname").fill(nickname)
    page.get_by_role("button", name="Join the party").click()
    expect(page.locator("#status")).to_have_text("Live")


def song_row(page: Page, list_id: str, title: str):
    """The row of a song in one of the page's lists (its button and its note live there)."""
    exactly = re.compile(f"^{re.escape(title)}$")
    return page.locator(f"#{list_id} > li").filter(has=page.locator(".song", has_text=exactly))


def guest_token(server: str, code: str, nickname: str) -> str:
    status, body = http_json("POST", f"{server}/api/events/{code}/guests", {"nickname": nickname})
    assert status == 201, body
    return body["token"]


def request_over_http(server: str, code: str, token: str, song_id: int) -> dict:
    status, body = http_json("POST", f"{server}/api/events/{code}/requests", {"song_id": song_id}, token)
    assert status == 201, body
    return body["request"]


def token_of(server: str, user: User) -> str:
    """A bearer token for a persona (made here) or for an account made through the API."""
    try:
        return off_the_loop(issue_token, user.username, PERSONA_PASSWORD, "127.0.0.1")
    except Unauthenticated:
        status, body = http_json("POST", f"{server}/api/tokens", {"username": user.username, "password": PASSWORD})
        assert status == 200, body
        return body["token"]


def as_dj(server: str, code: str, user: User, action: str, **fields: object) -> dict:
    """One console action sent over a real socket, as another DJ's console would send it:
    the change reaches the pages through the server, as it does at a party."""

    async def send() -> dict:
        client = await PartyClient.open(server, code, "dj", token)
        try:
            answer = await client.call(action, **fields)
        finally:
            await client.close()
        assert answer["type"] == "ack", answer
        return answer["data"]

    token = token_of(server, user)
    return off_the_loop(asyncio.run, send())
