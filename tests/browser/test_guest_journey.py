"""A guest's evening in Chromium, as the guest sees it at each step: join, search,
request, a refusal beside the button, withdraw, +1, "you're next" through a reload, a
rating that stays, offline and back, and the party over."""

import re

from playwright.sync_api import expect

from liveparty.song_requests.models import Ask, SongRequest
from tests.browser.conftest import PHONE, screenshots
from tests.browser.people import as_dj, join, song_row

OPEN_LIMIT = "You already have 5 songs waiting: withdraw one, or request more once one is played."


def test_a_guests_evening(server, contexts, watch, event, host, dj, songs):
    gina_phone = contexts(PHONE, server)
    gina = gina_phone.new_page()
    join(gina, event.code, "Gina")
    expect(gina.locator("#mine")).to_have_text("Nothing requested yet: find a song below.")
    expect(gina.locator("#now-playing")).to_have_text("Nothing playing yet")
    expect(gina.locator("#results-title")).to_have_text("Popular tonight")
    expect(gina.locator("#results > li")).to_have_count(len(songs))
    expect(gina.locator("#party-over")).to_be_hidden()
    screenshots(gina, "guest-empty")

    gina.get_by_placeholder("Title, artist or album").fill("queen")
    expect(gina.locator("#results-title")).to_have_text("Songs matching “queen”")
    gina.get_by_role("button", name="Request Dancing Queen").click()
    expect(song_row(gina, "mine", "Dancing Queen")).to_contain_text("Waiting for the DJ")
    gina.get_by_placeholder("Title, artist or album").fill("zzzz")
    expect(gina.locator("#results")).to_have_text("No song matches “zzzz”. Try another title, artist or album.")

    gina.get_by_placeholder("Title, artist or album").fill("")
    expect(gina.locator("#results > li")).to_have_count(len(songs))
    for song in songs[1:5]:
        gina.get_by_role("button", name=f"Request {song.title}").click()
        expect(song_row(gina, "mine", song.title)).to_be_visible()
    sixth = song_row(gina, "results", songs[5].title)
    sixth.get_by_role("button", name=f"Request {songs[5].title}").click()
    expect(sixth.locator(".note")).to_have_text(OPEN_LIMIT)  # beside the button that was refused
    expect(sixth.get_by_role("button", name=f"Request {songs[5].title}")).to_be_enabled()
    screenshots(gina, "guest-refused")

    song_row(gina, "mine", songs[1].title).get_by_role(
        "button", name=f"Withdraw my request for {songs[1].title}"
    ).click()
    expect(gina.locator("#mine-note")).to_have_text(f"You withdrew {songs[1].title}.")
    expect(song_row(gina, "mine", songs[1].title)).to_have_count(0)

    gus_phone = contexts(PHONE, server)
    gus = gus_phone.new_page()
    join(gus, event.code, "Gus")
    gus.get_by_role("button", name=f"Request {songs[6].title}").click()
    gina.get_by_role("button", name=f"+1 for {songs[6].title}").click()
    expect(song_row(gina, "results", songs[6].title).get_by_role("button")).to_have_text("Requested")
    expect(song_row(gus, "mine", songs[6].title)).to_be_visible()

    first = SongRequest.objects.get(event=event, song=songs[0])
    as_dj(server, event.code, dj, "accept", request_id=first.pk)
    expect(gina.get_by_role("alert").filter(has_text="You're next!")).to_contain_text(
        "Dancing Queen by ABBA is up next."
    )
    screenshots(gina, "guest-youre-next")
    gina.reload()
    expect(gina.locator("#status")).to_have_text("Live")
    expect(gina.locator("#next-banner")).to_be_visible()  # what My requests says, the banner says
    expect(song_row(gina, "mine", "Dancing Queen")).to_contain_text("You're next!")

    as_dj(server, event.code, dj, "play", request_id=first.pk)
    expect(gina.locator("#now-playing")).to_have_text("Dancing Queen")
    expect(gina.locator("#next-banner")).to_be_hidden()
    gina.get_by_role("button", name="Rate 4 out of 5").click()
    expect(gina.locator("#rate-note")).to_have_text("You rated it 4 out of 5.")
    gus.get_by_role("button", name=f"Request {songs[7].title}").click()
    expect(song_row(gina, "results", songs[7].title).get_by_role("button")).to_have_text("+1 (1)")
    expect(gina.get_by_role("button", name="Rate 4 out of 5")).to_have_attribute("aria-pressed", "true")
    expect(gina.locator("#rate-note")).to_have_text("You rated it 4 out of 5.")  # another's request changes nothing
    gina.reload()
    expect(gina.get_by_role("button", name="Rate 4 out of 5")).to_have_attribute("aria-pressed", "true")
    screenshots(gina, "guest-playing-rated")

    with watch.offline(gina_phone):
        expect(gina.locator("#status")).to_have_text("Offline")
        expect(gina.locator("#connection")).to_have_text("You are offline. What you tap is sent when you are back.")
        gina.get_by_role("button", name=f"+1 for {songs[7].title}").click()
        expect(gina.get_by_role("button", name="Sending…")).to_be_visible()
        gina.get_by_placeholder("Title, artist or album").fill("freak")
        expect(gina.locator("#results")).to_have_text("No connection: your search runs again when you are back.")
        screenshots(gina, "guest-offline")
    expect(gina.locator("#status")).to_have_text("Live")
    expect(gina.locator("#connection")).to_be_hidden()
    expect(gina.locator("#results > li")).to_have_count(1)
    expect(gina.locator("#results")).to_contain_text("Le Freak")
    expect(song_row(gina, "mine", songs[7].title)).to_be_visible()
    assert Ask.objects.filter(song_request__song=songs[7], guest__nickname="Gina").count() == 1  # sent once

    as_dj(server, event.code, dj, "end")
    expect(gina.locator("#status")).to_have_text("Party over")
    expect(gina.locator("#party-over")).to_contain_text("This party has ended. Thanks for coming!")
    for gone in ("#request", "#mood", "#rate", "#also"):
        expect(gina.locator(gone)).to_be_hidden()
    expect(song_row(gina, "mine", songs[2].title)).to_contain_text("Not played: the party ended")
    expect(gina.get_by_role("button", name=re.compile("^Withdraw"))).to_have_count(0)
    screenshots(gina, "guest-ended")
    gina.get_by_role("link", name="See the recap").click()
    expect(gina.get_by_role("heading", name="Most requested")).to_be_visible()
    expect(gina.locator("#most-requested")).to_contain_text("Dancing Queen")
    screenshots(gina, "guest-recap")
