"""The recommendation engine on the pages: the console's suggestions with their reasons,
"Not tonight", and the guest's "you might also request" with its one-tap request, which
follows the crate when the DJ changes it."""

from playwright.sync_api import expect

from liveparty.actions import start_event
from liveparty.song_requests.models import SongRequest
from tests.browser.conftest import LAPTOP, PHONE, screenshot
from tests.browser.people import join, log_in, make_dj
from tests.recommend.conftest import _registry, scenes  # noqa: F401 (fixtures)


def test_suggestions_follow_the_party_and_guests_see_what_goes_with_the_song(
    server,
    contexts,
    host,
    scenes,  # noqa: F811
):
    make_dj(server, "dora", "DJ Dora")
    event = start_event(host, "Suggestion night", "dora")
    console = contexts(LAPTOP, server).new_page()
    log_in(console, "dora", f"/dj/{event.code}/")
    suggestions = console.locator("#suggestions li")
    expect(suggestions.first).to_contain_text("most popular in the crate")
    first_title = suggestions.first.locator(".song").inner_text()
    console.get_by_role("button", name=f"Not tonight: {first_title}").click()
    expect(console.locator("#suggestions")).not_to_contain_text(first_title)

    phone = contexts(PHONE, server).new_page()
    join(phone, event.code, "Gina")
    playing = scenes["rock"][3]
    phone.get_by_placeholder("Title, artist or album").fill(playing.title)
    phone.get_by_role("button", name=f"Request {playing.title}").click()
    row = console.locator("#stack tr", has_text=playing.title)
    row.get_by_role("button", name=f"Accept {playing.title}").click()
    console.get_by_role("button", name=f"Play {playing.title} now").click()

    expect(console.locator("#suggestions")).to_contain_text(f"played with {playing.title} in")
    also = phone.locator("#also-list li")
    expect(also.first).to_contain_text(f"played with {playing.title} in")
    pick = also.first.locator(".song").inner_text()
    assert pick in {song.title for song in scenes["rock"]}
    screenshot(console, "dj-console-suggestions")
    screenshot(phone, "guest-phone-also-request")
    also.first.get_by_role("button", name=f"Request {pick}").click()
    expect(phone.locator("#mine")).to_contain_text(pick)
    expect(console.locator("#suggestions")).not_to_contain_text(pick)  # on the stack now
    assert SongRequest.objects.filter(event=event, song__title=pick).exists()

    console.locator("#crate-panel summary").click()
    console.get_by_label("Genre").select_option("Jazz")
    console.locator("#crate-add-genre").click()
    expect(phone.locator("#also")).to_be_hidden()  # the rock it offered is off tonight's list now
    why = f"Nothing on tonight's list matches “{playing.title}”: the DJ picked tonight's songs."
    expect(phone.locator("#results")).to_contain_text(why)  # the search ran again, and says why it is empty
