"""A selfie on the guest page: the camera's reading, corrected by the guest, then songs
for the mood with a one-tap request."""

from playwright.sync_api import expect

from liveparty.catalog.models import Song
from liveparty.mood.models import MoodReading
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_party_in_the_browser import join
from tests.mood.conftest import feat_images  # noqa: F401 (a fixture)


def test_a_guest_shows_their_mood_corrects_it_and_requests_a_song_for_it(
    server,
    contexts,
    event,
    feat_images,  # noqa: F811
):
    for number in range(3):
        Song.objects.create(title=f"Chill tune {number}", artist="Trio", genre="Bossa Nova", popularity=number)
    phone = contexts(PHONE, server).new_page()
    join(phone, event.code, "Gina")
    phone.locator("#selfie").set_input_files(str(feat_images / "single_face.jpg"))
    expect(phone.locator("#selfie-reading")).to_contain_text("The camera reads you as Happy")
    expect(phone.get_by_role("radio", name="Happy")).to_be_checked()
    screenshot(phone, "guest-phone-selfie-reading")
    phone.get_by_role("radio", name="Chill").check()
    phone.get_by_role("button", name="Confirm").click()
    expect(phone.locator("#mood-note")).to_have_text("Thanks! The DJ sees how the crowd feels.")
    reading = MoodReading.objects.get()
    assert (reading.source, reading.camera_mood, reading.mood) == ("camera", "happy", "chill")
    songs = phone.locator("#mood-songs li")
    expect(songs.first).to_contain_text("Chill tune 2")
    expect(songs.first).to_contain_text("fits a chill mood")
    songs.first.get_by_role("button", name="Request Chill tune 2").click()
    expect(phone.locator("#mine")).to_contain_text("Chill tune 2")


def test_a_photo_without_a_face_invites_a_tap(server, contexts, event, feat_images):  # noqa: F811
    phone = contexts(PHONE, server).new_page()
    join(phone, event.code, "Gus")
    phone.locator("#selfie").set_input_files(str(feat_images / "free-mountain-vector-01.jpg"))
    expect(phone.locator("#mood-note")).to_contain_text("No face found")
    expect(phone.locator("#mood-note")).to_contain_text("tap a mood")
