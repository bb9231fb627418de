"""A whole party in real Chromium: host, DJ console, two guests on phones."""

import re

from playwright.sync_api import Page, expect

from liveparty.requests.models import Ask, SongRequest
from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.burst import call

DJ_PASSWORD = "turntables and coffee"


def sign_up_host(page: Page, username: str, name: str) -> None:
    page.goto("/host/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Display name").fill(name)
    page.get_by_label("Password").fill("birthday party 2026")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text(f"Hi, {name}")).to_be_visible()


def log_in(page: Page, username: str, password: str, then: str) -> None:
    page.goto(f"/host/login/?next={then}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{then}")


def join(page: Page, code: str, nickname: str) -> None:
    page.goto(f"/e/{code}/")
    page.get_by_label("Your nickname").fill(nickname)
    page.get_by_role("button", name="Join the party").click()
    expect(page.locator("#status")).to_have_text("Live")


def test_a_whole_party(server, contexts, songs):
    call("POST", f"{server}/api/accounts", {"username": "dave", "password": DJ_PASSWORD, "display_name": "DJ Dave"})
    host = contexts(LAPTOP, server).new_page()
    sign_up_host(host, "hana", "Hana")
    host.get_by_label("Event name").fill("Hana's birthday")
    host.get_by_label("Main DJ (username)").fill("dave")
    host.get_by_role("button", name="Start the party").click()
    code = host.locator(".code").inner_text(timeout=10_000)
    qr = host.get_by_role("img", name=re.compile("QR code"))
    expect(qr).to_be_visible()
    assert qr.evaluate("image => image.complete && image.naturalWidth > 200"), "the QR code did not load"

    console = contexts(LAPTOP, server).new_page()
    log_in(console, "dave", DJ_PASSWORD, f"/dj/{code}/")
    expect(console.locator("#status")).to_have_text("Live")

    gina, gus = contexts(PHONE, server).new_page(), contexts(PHONE, server).new_page()
    join(gina, code, "Gina")
    join(gus, code, "Gus")
    song = songs[1]
    gina.get_by_role("button", name=f"Request {song.title}").click()
    expect(gina.locator("#mine")).to_contain_text("Waiting for the DJ")
    gus.get_by_role("button", name=f"+1 for {song.title}").click()
    expect(gus.locator("#mine")).to_contain_text(song.title)
    row = console.locator("#stack tr", has_text=song.title)
    expect(row.locator(".asks")).to_have_text("2")
    expect(console.locator("#online")).to_have_text("2 guests online")
    for page, name in ((host, "host"), (console, "dj-console"), (gina, "guest")):
        for size, viewport in (("phone", PHONE), ("laptop", LAPTOP)):
            page.set_viewport_size(viewport)
            screenshot(page, f"{name}-{size}")
    gina.set_viewport_size(PHONE)

    row.get_by_role("button", name=f"Accept {song.title}").click()
    for guest in (gina, gus):
        expect(guest.get_by_role("alert").filter(has_text="You're next!")).to_be_visible()
    screenshot(gus, "guest-phone-youre-next")

    console.get_by_role("button", name=f"Play {song.title} now").click()
    for guest in (gina, gus):
        expect(guest.locator("#now-playing")).to_have_text(song.title)
        expect(guest.locator("#next-banner")).to_be_hidden()
    gina.get_by_role("button", name="Rate 5 out of 5").click()
    expect(gina.locator("#rate-note")).to_have_text("You rated it 5 out of 5.")
    gus.get_by_role("button", name="Rate 3 out of 5").click()
    expect(gus.locator("#rate-note")).to_have_text("You rated it 3 out of 5.")
    expect(gina.get_by_role("button", name="Next")).to_be_disabled()
    gina.get_by_label("Energetic").check()
    gina.get_by_role("button", name="Next").click()
    expect(gina.locator("#mood-note")).to_have_text("Thanks! The DJ sees how the crowd feels.")

    host.once("dialog", lambda dialog: dialog.accept())
    host.get_by_role("button", name="End the event").click()
    for page in (gina, gus, console):
        expect(page.locator("#ended")).to_be_visible()
    expect(host.get_by_text("None right now.")).to_be_visible()
    for page, name in ((host, "host"), (console, "dj-console"), (gina, "guest")):
        for size, viewport in (("phone", PHONE), ("laptop", LAPTOP)):
            page.set_viewport_size(viewport)
            screenshot(page, f"{name}-{size}-after-the-party")
    entry = SongRequest.objects.get(song=song)
    assert (entry.status, entry.asks, entry.ratings.count()) == ("played", 2, 2)


def test_a_guest_who_reloads_is_the_same_guest(server, contexts, event, songs):
    page = contexts(PHONE, server).new_page()
    join(page, event.code, "Gina")
    page.get_by_role("button", name=f"Request {songs[0].title}").click()
    expect(page.locator("#mine")).to_contain_text(songs[0].title)
    page.reload()
    expect(page.locator("#status")).to_have_text("Live")
    expect(page.get_by_label("Your nickname")).to_be_hidden()
    expect(page.locator("#mine")).to_contain_text(songs[0].title)
    expect(page.get_by_role("button", name=f"Request {songs[0].title}")).to_have_count(0)


def test_a_request_made_offline_arrives_exactly_once(server, contexts, event, songs):
    context = contexts(PHONE, server)
    page = context.new_page()
    join(page, event.code, "Gina")
    context.set_offline(True)
    expect(page.locator("#status")).to_have_text(re.compile("Offline"))
    page.get_by_role("button", name=f"Request {songs[2].title}").click()
    expect(page.get_by_role("button", name="Sending…")).to_be_visible()
    context.set_offline(False)
    expect(page.locator("#status")).to_have_text("Live")
    expect(page.locator("#mine")).to_contain_text(songs[2].title)
    assert SongRequest.objects.filter(song=songs[2]).count() == 1
    assert Ask.objects.filter(entry__song=songs[2]).count() == 1


def test_a_busy_dj_is_explained(server, contexts, event, dj):
    host = contexts(LAPTOP, server).new_page()
    sign_up_host(host, "mia", "Mia")
    host.get_by_label("Event name").fill("Clash")
    host.get_by_label("Main DJ (username)").fill(dj.username)
    host.get_by_role("button", name="Start the party").click()
    expect(host.locator("#start-error")).to_have_text("DJ Dave is already DJing another live event.")


def test_errors_are_sentences(server, contexts, event):
    page = contexts(PHONE, server).new_page()
    join(page, event.code, "Gina")
    other = contexts(PHONE, server).new_page()
    other.goto(f"/e/{event.code}/")
    other.get_by_label("Your nickname").fill("gina")
    other.get_by_role("button", name="Join the party").click()
    expect(other.locator("#join-error")).to_have_text(re.compile("already called 'gina'; pick another nickname"))
