"""A DJ's evening in Chromium, as the DJ sees it: find my console, the stack, the queue,
a suggestion played next, "Not tonight" and its undo, skip and finish, the crate with a
song added on the fly, offline and a refusal, and the party over."""

import re

from playwright.sync_api import expect

from liveparty.accounts.models import User
from liveparty.actions import start_event
from liveparty.catalog.models import Song
from tests.browser.conftest import LAPTOP, screenshots
from tests.browser.people import as_dj, guest_token, log_in, make_dj, request_over_http, song_row

COLUMNS = "() => [...document.querySelectorAll('.console > .column')].map((column) => column.offsetWidth)"
CLIPPED = """() => [...document.querySelectorAll('button')]
  .filter((button) => button.offsetParent !== null && button.scrollWidth > button.clientWidth)
  .map((button) => button.textContent)"""


def test_a_djs_evening(server, contexts, watch, host, songs):
    for title in ("Thunderstruck", "Back in Black", "Highway to Hell"):
        Song.objects.create(title=title, artist="AC/DC", genre="Rock", popularity=5)
    make_dj(server, "dora", "DJ Dora")
    event = start_event(host, "Dora's night", "dora")
    dora = User.objects.get(username="dora")
    laptop = contexts(LAPTOP, server)
    console = laptop.new_page()
    log_in(console, "dora", "/dj/")
    expect(console.get_by_role("heading", name="The parties you DJ")).to_be_visible()
    console.get_by_role("link", name="Open the DJ console of Dora's night").click()
    expect(console.locator("#status")).to_have_text("Live")
    expect(console.locator("#stack-empty")).to_have_text("No requests yet: guests request songs from their phones.")
    expect(console.locator("#now-playing")).to_have_text("Nothing playing")
    expect(console.locator("#queue-empty")).to_be_visible()
    expect(console.locator("#history-empty")).to_have_text("Nothing played yet.")
    expect(console.locator("#mood-summary")).to_have_text("No moods yet: guests tell theirs on their phones.")
    expect(console.locator("#suggestions li").first).to_contain_text("most popular in the crate")
    for in_view in ("#stack-title", "#history-title", "#crate-panel summary", "#suggest-title"):
        expect(console.locator(in_view)).to_be_in_viewport()  # nothing below the fold at 1440x900
    columns = console.evaluate(COLUMNS)
    screenshots(console, "dj-empty")

    gina, gus = (guest_token(server, event.code, name) for name in ("Gina", "Gus"))
    first = request_over_http(server, event.code, gina, songs[0].pk)
    request_over_http(server, event.code, gus, songs[0].pk)
    second = request_over_http(server, event.code, gus, songs[1].pk)
    row = console.locator("#stack tr", has_text=songs[0].title)
    expect(row.locator(".asks")).to_have_text("2 asks")
    expect(row.locator(".requesters")).to_have_text("Gina, Gus")
    expect(console.locator("#stack-count")).to_have_text("(2)")
    row.get_by_role("button", name=f"Accept {songs[0].title}").click()
    expect(song_row(console, "queue", songs[0].title)).to_contain_text("asked by Gina, Gus")
    console.get_by_role("button", name=f"Play {songs[0].title} now").click()
    expect(console.locator("#now-playing")).to_have_text(songs[0].title)
    expect(console.locator("#now-playing-artist")).to_have_text("ABBA · asked by Gina, Gus")
    expect(console.locator("#progress-row")).to_be_visible()
    expect(console.get_by_role("button", name="Skip to next (the queue is empty)")).to_be_disabled()

    suggestion = console.locator("#suggestions li").first
    pick = suggestion.locator(".song").inner_text()
    suggestion.get_by_role("button", name=f"Play {pick} next").click()
    picked = song_row(console, "queue", pick)
    expect(picked.locator(".badge")).to_have_text("1")
    expect(picked).to_contain_text("your pick (DJ Dora)")
    expect(console.locator("#suggestions")).not_to_contain_text(pick)

    refused = console.locator("#suggestions li").first.locator(".song").inner_text()
    console.get_by_role("button", name=f"Not tonight: {refused}").click()
    expect(song_row(console, "blocked", refused)).to_contain_text("off tonight's list")
    expect(song_row(console, "suggestions", refused)).to_have_count(0)
    assert console.evaluate(COLUMNS) == columns, "the columns moved as their content changed"
    assert console.evaluate(CLIPPED) == [], "a button's label does not fit it"
    screenshots(console, "dj-live")
    console.get_by_role("button", name=f"Undo: bring {refused} back").click()
    expect(console.locator("#blocked-panel")).to_be_hidden()

    console.get_by_role("button", name=f"Skip to {pick}").click()
    expect(console.locator("#now-playing")).to_have_text(pick)
    expect(song_row(console, "history", songs[0].title)).to_be_visible()
    console.get_by_role("button", name="Finish").click()
    expect(console.locator("#now-playing")).to_have_text("Nothing playing")
    expect(console.locator("#history > li")).to_have_count(2)

    console.locator("#crate-panel summary").click()
    expect(console.locator("#crate-summary")).to_have_text("the whole catalog")
    console.get_by_label("Add a song on the fly").fill("september")
    expect(song_row(console, "crate-results", "September")).to_contain_text("On offer")  # the whole catalog is
    console.get_by_label("Genre").select_option("Rock")
    console.locator("#crate-add-genre").click()
    expect(console.locator("#crate-summary")).to_have_text("1 pick")
    expect(
        song_row(console, "crate-results", "September").get_by_role("button", name="Add September to the crate")
    ).to_be_visible()
    console.get_by_role("button", name="Add September to the crate").click()
    expect(console.locator("#crate")).to_contain_text("Song: September (Earth, Wind & Fire)")
    expect(console.locator("#crate-summary")).to_have_text("1 pick, 1 song added")
    expect(song_row(console, "crate-results", "September")).to_contain_text("On offer")
    console.get_by_label("Add a song on the fly").fill("zzzz")
    expect(console.locator("#crate-results")).to_have_text("No song in the catalog matches “zzzz”.")
    screenshots(console, "dj-crate")

    with watch.offline(laptop):
        expect(console.locator("#status")).to_have_text("Offline")
        expect(console.locator("#connection")).to_have_text("You are offline. What you tap is sent when you are back.")
        console.get_by_role("button", name=f"Accept {songs[1].title}").click()  # sent once back
        as_dj(server, event.code, dora, "deny", request_id=second["id"])  # another console, first
        screenshots(console, "dj-offline")
    expect(console.locator("#status")).to_have_text("Live")
    expect(console.locator("#error")).to_have_text("That request is no longer on the stack: it is denied now.")
    expect(console.locator("#stack-empty")).to_be_visible()
    screenshots(console, "dj-refused")

    console.once("dialog", lambda dialog: dialog.accept())
    console.get_by_role("button", name="End the party").click()  # Dora is the main DJ
    expect(console.locator("#status")).to_have_text("Party over")
    expect(console.locator("#party-over")).to_contain_text("the console shows how it went and changes nothing now")
    controls = re.compile("^(Accept|Queue|Play|Not tonight|Finish|End)")
    expect(console.get_by_role("button", name=controls)).to_have_count(0)
    expect(console.locator("#crate-search")).to_be_hidden()
    expect(console.locator("#history > li")).to_have_count(2)
    screenshots(console, "dj-ended")
    console.get_by_role("link", name="See the recap").click()
    expect(console.get_by_role("heading", name="Most requested")).to_be_visible()
    expect(console.locator("#most-requested")).to_contain_text(first["song"]["title"])
