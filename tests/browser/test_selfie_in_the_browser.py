"""Moods on the pages: a selfie's reading with its photo, sure or unsure, confirmed or
corrected; a failed selfie that leaves no stale question; a mood with songs and one with a
sentence; the crowd's mood on the console in the guests' own words, as a chart."""

import re

from playwright.sync_api import expect

from liveparty.catalog.models import Song
from liveparty.mood.models import MoodReading
from tests.browser.conftest import LAPTOP, PHONE, screenshot, screenshots
from tests.browser.people import join, logged_in
from tests.mood.conftest import feat_images  # noqa: F401 (a fixture)


def test_a_guest_shows_their_mood_corrects_it_and_requests_a_song_for_it(
    server,
    contexts,
    watch,
    event,
    dj,
    feat_images,  # noqa: F811
):
    for number in range(3):
        Song.objects.create(title=f"Chill tune {number}", artist="Trio", genre="Bossa Nova", popularity=number)
    console = logged_in(contexts(LAPTOP, server), server, dj).new_page()
    console.goto(f"/dj/{event.code}/")
    phone = contexts(PHONE, server).new_page()
    join(phone, event.code, "Gina")
    phone.locator("#selfie").set_input_files(str(feat_images / "single_face.jpg"))
    expect(phone.locator("#selfie-reading")).to_have_text("You look Happy. Right? Confirm, or pick another mood.")
    assert phone.locator("#selfie-preview").evaluate("image => image.complete && image.naturalWidth > 0")
    expect(phone.get_by_role("radio", name="Happy")).to_be_checked()
    screenshot(phone, "guest-phone-selfie-reading")
    phone.get_by_role("radio", name="Chill").check()
    phone.get_by_role("button", name="Confirm").click()
    expect(phone.locator("#mood-note")).to_have_text("Thanks! The DJ sees how the crowd feels.")
    reading = MoodReading.objects.get()
    assert (reading.source, reading.camera_mood, reading.mood) == ("camera", "happy", "chill")
    expect(phone.locator("#mood-songs-title")).to_have_text("Songs for feeling chill")
    songs = phone.locator("#mood-songs li")
    expect(songs.first).to_contain_text("Chill tune 2")
    expect(songs.first).to_contain_text("Bossa Nova suits feeling chill")
    songs.first.get_by_role("button", name="Request Chill tune 2").click()
    expect(phone.locator("#mine")).to_contain_text("Chill tune 2")

    phone.locator("#selfie").set_input_files(str(feat_images / "15-f13-anc-ph.jpg"))  # misread by the network
    unsure = re.compile(r"^Not sure: you look \w+ \(\d\d%\)\. Is this right\? Confirm, or pick how you feel\.$")
    expect(phone.locator("#selfie-reading")).to_have_text(unsure)
    screenshot(phone, "guest-phone-selfie-unsure")
    watch.expect(409, "/selfies")
    phone.locator("#selfie").set_input_files(str(feat_images / "free-mountain-vector-01.jpg"))
    expect(phone.locator("#mood-note")).to_contain_text("No face found")
    expect(phone.locator("#selfie-reading")).to_have_text("")  # no question left from the last photo
    expect(phone.get_by_role("button", name="Confirm")).to_have_count(0)
    expect(phone.get_by_role("button", name="Share my mood")).to_be_visible()

    phone.get_by_role("radio", name="Down").check()
    phone.get_by_role("button", name="Share my mood").click()
    expect(phone.locator("#mood-songs")).to_have_text(
        "Nothing on tonight's list suits feeling down yet; search for a song you'd like above."
    )
    expect(console.locator("#mood-summary")).to_have_text("Mostly down (100%), from 1 guest.")
    expect(console.locator("#mood-chart svg")).to_be_visible()
    expect(console.locator("#mood-table")).to_contain_text("Down")
    screenshots(console, "dj-crowd-mood")
