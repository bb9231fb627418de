"""The pages through `make cluster`'s front door, in Chromium: the login form's and the
join form's CSRF checks, the session cookie, the WebSocket origin check and the static
files all hold when nginx stands between the browser and a server per page."""

import pytest
from playwright.sync_api import expect

from liveparty.actions import start_event
from tests.browser.conftest import LAPTOP, PHONE, browser, contexts, off_the_loop, screenshots, watch  # noqa: F401
from tests.browser.people import join, log_in, make_dj, song_row
from tests.cluster.conftest import RunningCluster

pytestmark = pytest.mark.services("redis")


def test_a_guest_and_a_dj_through_the_front_door(make_cluster: RunningCluster, contexts, host, songs):  # noqa: F811
    front = make_cluster.url
    make_dj(front, "dora", "DJ Dora")  # signed up through the API, on a guest server
    event = off_the_loop(start_event, host, "Tent", "dora")

    console = contexts(LAPTOP, front).new_page()
    log_in(console, "dora", f"/dj/{event.code}/")  # the host server's login form, then the DJ server
    expect(console.locator("#status")).to_have_text("Live")
    expect(console.locator("#stack-empty")).to_be_visible()

    phone = contexts(PHONE, front).new_page()
    join(phone, event.code, "Gina")  # a guest server's page, its form and its socket
    phone.get_by_placeholder("Title, artist or album").fill("dancing queen")  # among the whole catalog
    phone.get_by_role("button", name="Request Dancing Queen").click()
    expect(song_row(phone, "mine", "Dancing Queen")).to_contain_text("Waiting for the DJ")

    row = console.locator("#stack tr", has_text="Dancing Queen")
    expect(row.locator(".requesters")).to_have_text("Gina")
    row.get_by_role("button", name="Accept Dancing Queen").click()
    expect(phone.get_by_role("alert").filter(has_text="You're next!")).to_contain_text(
        "Dancing Queen by ABBA is up next."
    )
    expect(console.locator("#queue")).to_contain_text("asked by Gina")
    screenshots(phone, "cluster-guest")
    screenshots(console, "cluster-dj")
