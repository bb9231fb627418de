"""The DJ in control, in Chromium: the console's rules (pause, clean only, fair order),
a prankster muted, welcomed back, then banned from a request's menu, an artist blocked;
and what each guest's phone shows at each step (paused, muted, removed, and removed
still after a reload)."""

from playwright.sync_api import expect

from liveparty.accounts.models import User
from liveparty.actions import start_event
from liveparty.catalog.models import Song
from liveparty.song_requests.models import SongRequest
from tests.browser.conftest import LAPTOP, PHONE, screenshots
from tests.browser.people import guest_token, join, log_in, make_dj, request_over_http, song_row


def stack_row(page, title: str):
    return page.locator("#stack tr", has_text=title)


def test_the_dj_in_control_of_the_crowd(server, contexts, host, songs):
    explicit = Song.objects.create(title="Potty Mouth Anthem", artist="Rude Boys", explicit=True, popularity=1)
    make_dj(server, "dora", "DJ Dora")
    event = start_event(host, "Dora's night", "dora")
    assert User.objects.filter(username="dora").exists()
    console = contexts(LAPTOP, server).new_page()
    log_in(console, "dora", f"/dj/{event.code}/")
    expect(console.locator("#status")).to_have_text("Live")
    expect(console.locator("#rules-summary")).to_have_text("Requests are open, every song on offer, the stack by asks.")
    for name in ("Pause requests", "Clean only", "Fair order"):
        expect(console.get_by_role("button", name=name)).to_have_attribute("aria-pressed", "false")
    expect(console.locator("#sanctions-panel")).to_be_hidden()

    gina = contexts(PHONE, server).new_page()
    join(gina, event.code, "Gina")
    prank = contexts(PHONE, server).new_page()
    join(prank, event.code, "Prank")
    gus = guest_token(server, event.code, "Gus")

    # Paused: the phones say so and their request buttons wait; resumed, they request again.
    console.get_by_role("button", name="Pause requests").click()
    expect(console.get_by_role("button", name="Resume requests")).to_have_attribute("aria-pressed", "true")
    expect(console.locator("#rules-summary")).to_have_text(
        "Requests are paused: guests can't request or +1 until you resume."
    )
    expect(console.locator("#stack-empty")).to_have_text(
        "Requests are paused: guests can request again once you resume them."
    )
    expect(gina.locator("#paused-banner")).to_be_visible()
    expect(song_row(gina, "results", songs[0].title).get_by_role("button")).to_have_text("Paused")
    expect(song_row(gina, "results", songs[0].title).get_by_role("button")).to_be_disabled()
    screenshots(gina, "guest-paused")
    screenshots(console, "dj-rules-paused")
    console.get_by_role("button", name="Resume requests").click()
    expect(gina.locator("#paused-banner")).to_be_hidden()
    expect(console.locator("#stack-empty")).to_have_text("No requests yet: guests request songs from their phones.")
    gina.get_by_role("button", name=f"Request {songs[0].title}").click()
    expect(song_row(gina, "mine", songs[0].title)).to_contain_text("Waiting for the DJ")

    # A prankster: their own request and their +1 on Gina's; muted from the request's menu.
    prank.get_by_role("button", name=f"Request {songs[1].title}").click()
    prank.get_by_role("button", name=f"+1 for {songs[0].title}").click()
    expect(stack_row(console, songs[0].title).locator(".asks")).to_have_text("2 asks")
    row = stack_row(console, songs[1].title)
    row.get_by_label(f"More for {songs[1].title}").click()
    expect(row.get_by_role("button", name="Ban Prank")).to_be_visible()
    screenshots(console, "dj-row-menu")
    row.get_by_role("button", name="Mute Prank").click()
    expect(stack_row(console, songs[1].title)).to_have_count(0)  # nobody else asked for it
    expect(stack_row(console, songs[0].title).locator(".asks")).to_have_text("1 ask")
    expect(console.locator("#sanctions li")).to_have_count(1)
    expect(console.locator("#sanctions li")).to_contain_text("Prank")
    expect(console.locator("#sanctions li")).to_contain_text("muted: nothing they do counts")
    expect(prank.locator("#muted-banner")).to_be_visible()
    expect(song_row(prank, "mine", songs[0].title)).to_have_count(0)
    prank.get_by_role("button", name=f"Request {songs[2].title}").click()
    expect(song_row(prank, "results", songs[2].title)).to_contain_text("The DJ has muted you for now")
    screenshots(prank, "guest-muted")
    screenshots(console, "dj-muted")
    console.get_by_role("button", name="Welcome Prank back").click()
    expect(console.locator("#sanctions-panel")).to_be_hidden()
    expect(prank.locator("#muted-banner")).to_be_hidden()

    # Banned: the phone is shown the door, and a reload keeps it there.
    prank.get_by_role("button", name=f"Request {songs[2].title}").click()
    row = stack_row(console, songs[2].title)
    row.get_by_label(f"More for {songs[2].title}").click()
    console.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Ban Prank").click()
    expect(prank.locator("#removed")).to_contain_text("The DJ removed you from this party")
    expect(prank.locator("#party")).to_be_hidden()
    expect(console.locator("#sanctions li")).to_contain_text("banned: removed from the party")
    expect(stack_row(console, songs[2].title)).to_have_count(0)
    prank.reload()
    expect(prank.locator("#removed")).to_be_visible()
    expect(prank.locator("#join")).to_have_count(0)
    expect(prank.locator("#party")).to_be_hidden()
    screenshots(prank, "guest-removed")

    # Clean only: the explicit request waiting is turned down, and the song is off the list.
    request_over_http(server, event.code, gus, explicit.pk)
    expect(stack_row(console, explicit.title)).to_be_visible()
    console.get_by_role("button", name="Clean only").click()
    expect(stack_row(console, explicit.title)).to_have_count(0)
    expect(console.get_by_role("button", name="Clean only")).to_have_attribute("aria-pressed", "true")
    gina.get_by_label("Find a song by title, artist or album").fill("potty")
    expect(gina.locator("#results")).to_contain_text("No song matches “potty”")

    # Fair order: Greta's second request waits behind Gus's first, though it has more asks.
    greta, hugo = guest_token(server, event.code, "Greta"), guest_token(server, event.code, "Hugo")
    second = request_over_http(server, event.code, greta, songs[3].pk)
    request_over_http(server, event.code, greta, songs[5].pk)
    for song in (songs[3], songs[5]):
        request_over_http(server, event.code, hugo, song.pk)  # a +1
    request_over_http(server, event.code, gus, songs[4].pk)
    by_asks = [songs[3].title, songs[5].title, songs[0].title, songs[4].title]
    expect(console.locator("#stack tr .song")).to_have_text(by_asks)
    console.get_by_role("button", name="Fair order").click()
    expect(console.get_by_role("button", name="Fair order")).to_have_attribute("aria-pressed", "true")
    in_turn = [songs[3].title, songs[0].title, songs[4].title, songs[5].title]
    expect(console.locator("#stack tr .song")).to_have_text(in_turn)
    expect(gina.locator("#results")).to_be_visible()
    screenshots(console, "dj-rules-on")

    # An artist blocked from a request's menu: the request goes, the list says who.
    row = stack_row(console, songs[0].title)
    row.get_by_label(f"More for {songs[0].title}").click()
    row.get_by_role("button", name=f"Block every song by {songs[0].artist}").click()
    expect(song_row(console, "blocked", f"Every song by {songs[0].artist}")).to_contain_text("off tonight's list")
    expect(console.locator("#blocked-panel")).to_be_in_viewport()  # with tonight's rules, not below the suggestions
    expect(stack_row(console, songs[0].title)).to_have_count(0)
    expect(song_row(gina, "mine", songs[0].title)).to_contain_text("Not this time")
    assert SongRequest.objects.get(pk=second["id"]).status == "pending"
    screenshots(console, "dj-artist-blocked")
