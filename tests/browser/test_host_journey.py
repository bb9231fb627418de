"""A host's evening in Chromium, as the host sees it: sign up, no parties yet, a busy DJ
refused, start, the code and QR code with an honest word on the link, a co-DJ invited,
guests arriving, offline, the end, the party-over view and the recap from past parties."""

import re

from playwright.sync_api import expect

from liveparty.actions import start_event
from tests.browser.conftest import LAPTOP, PHONE, screenshots
from tests.browser.people import join, make_dj, sign_up
from tests.personas import make_account


def test_a_hosts_evening(server, contexts, watch, dj, outsider):
    make_dj(server, "dave2", "DJ Dave Two")
    start_event(outsider, "Otto's party", dj.username)  # Dave plays elsewhere tonight
    make_account("carla", "Carla")
    laptop = contexts(LAPTOP, server)
    host = laptop.new_page()
    sign_up(host, "hana", "Hana")
    expect(host.get_by_text("None yet: start one above, or ask a host to make you their DJ.")).to_be_visible()
    expect(host.get_by_text("Start a party, or pick one of yours")).to_be_visible()
    screenshots(host, "host-empty")

    watch.expect(409, "/api/events")
    host.get_by_label("Party name").fill("Hana's birthday")
    host.get_by_label("Main DJ (username)").fill(dj.username)
    host.get_by_role("button", name="Start the party").click()
    expect(host.locator("#start-error")).to_have_text("DJ Dave is already DJing another live event.")
    screenshots(host, "host-refused")

    host.get_by_label("Main DJ (username)").fill("dave2")
    host.get_by_role("button", name="Start the party").click()
    code = host.locator(".code").inner_text()
    qr = host.get_by_role("img", name=re.compile("QR code"))
    expect(qr).to_be_visible()
    assert qr.evaluate("image => image.complete && image.naturalWidth > 200"), "the QR code did not load"
    expect(host.locator(".join")).to_contain_text(f"/e/{code}/")
    expect(host.locator("#local-only")).to_contain_text("This link only works on this computer")
    expect(host.locator("#status")).to_have_text("Live")
    party = host.locator(".parties li", has_text="Hana's birthday")
    expect(party).to_contain_text("Live")
    expect(party).to_contain_text("host")

    host.get_by_placeholder("Co-DJ username").fill("carla")
    host.get_by_role("button", name="Invite co-DJ").click()
    expect(host.locator("#invite-note")).to_have_text("Carla is a co-DJ now.")
    expect(host.locator("#djs")).to_have_text("DJ Dave Two (main), Carla")
    phone = contexts(PHONE, server).new_page()
    join(phone, code, "Gina")
    expect(host.locator("#online")).to_have_text("1 guest online")
    screenshots(host, "host-live")

    with watch.offline(laptop):
        expect(host.locator("#status")).to_have_text("Offline")
        expect(host.locator("#connection")).to_be_visible()
        screenshots(host, "host-offline")
    expect(host.locator("#status")).to_have_text("Live")

    host.once("dialog", lambda dialog: dialog.accept())
    host.get_by_role("button", name="End the party").click()
    expect(host.get_by_role("heading", name="Party over")).to_be_visible()
    expect(host.get_by_role("button", name="End the party")).to_have_count(0)
    expect(party).to_contain_text("Ended")
    expect(party.get_by_role("link", name="Recap of Hana's birthday")).to_be_visible()
    expect(phone.locator("#party-over")).to_be_visible()
    screenshots(host, "host-ended")
    party.get_by_role("link", name="Recap of Hana's birthday").click()
    expect(host.get_by_role("heading", name="Most requested")).to_be_visible()
    expect(host.get_by_text("Nobody requested a song at this party.")).to_be_visible()
