"""The mood statistics page in Chromium: the host of the seeded night (tests/nights.py) in
Berlin on a laptop and on a phone, the site's staff across every party, an account with
no party yet, and a visitor sent to log in.

The night's songs by mood, as though its guests had asked yesterday: happy for Dancing
Queen (3 asks) and Billie Jean (2), energetic for Mr. Brightside (2); the crowd happy as
Dancing Queen started, energetic for Hey Ya!. Gina and Greta told happy, Gina energetic."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from liveparty import actions
from liveparty.song_requests.models import Ask, SongRequest
from tests.browser.conftest import LAPTOP, PHONE, off_the_loop, screenshots
from tests.browser.people import logged_in
from tests.nights import Night, seed_night, seed_selfies
from tests.personas import make_account, make_guest


@pytest.fixture
def night(event, host, dj, guest, guest2, guest3, songs) -> Night:
    seeded = off_the_loop(seed_night, event, host, dj, guest, guest2, guest3, songs)
    seed_selfies(seeded)
    off_the_loop(songs_in_moods, songs)
    return seeded


def songs_in_moods(songs) -> None:
    yesterday = timezone.now() - timedelta(days=1)
    for song, mood in ((songs[0], "happy"), (songs[1], "happy"), (songs[2], "energetic")):
        Ask.objects.filter(song_request__song=song).update(asker_mood=mood, asked_at=yesterday)
    for song, mood in ((songs[0], "happy"), (songs[4], "energetic")):
        SongRequest.objects.filter(song=song).update(crowd_mood=mood)


def test_the_host_sees_how_the_crowd_felt_in_their_own_time(server, contexts, night, host):
    laptop = logged_in(contexts(LAPTOP, server, timezone_id="Europe/Berlin"), server, host).new_page()
    laptop.goto("/stats/")
    expect(laptop.locator("#stats-summary")).to_have_text("6 moods told at 1 party you hosted or DJed.")
    expect(laptop.locator("#scope")).to_have_count(0)  # the whole site is for its staff
    expect(laptop.locator("#share-summary")).to_have_text("Most often happy: 33% of 6 readings.")
    expect(laptop.locator("#share-chart .ct-slice-donut")).not_to_have_count(0)
    expect(laptop.locator("#share-table tbody tr")).to_have_count(5)
    expect(laptop.locator("#trend-summary")).to_have_text("Readings of each mood by week, over 1 week.")
    expect(laptop.locator("#trend-chart .ct-point")).to_have_count(5)
    expect(laptop.locator("#when-summary")).to_have_text(
        "Busiest: Saturdays at 21:00 (3 readings). Hours are this device's time."  # 20:00 UTC
    )
    saturday = laptop.locator("#heatmap tbody tr").nth(5)
    expect(saturday.locator("td").nth(21)).to_have_text("3")
    expect(saturday.locator("td").nth(22)).to_have_text("3")
    expect(laptop.locator("#camera-summary")).to_have_text(
        "Guests confirmed the camera's reading 1 time in 2, by the mood the camera read."
    )
    expect(laptop.locator("#camera-chart .ct-bar")).not_to_have_count(0)
    expect(laptop.locator("#most-active > li")).to_have_count(4)
    expect(laptop.locator("#most-active > li").first).to_contain_text("Gina")
    expect(laptop.locator("#most-active > li").first).to_contain_text("at Hana's birthday")
    expect(laptop.locator("#played-summary")).to_have_text(
        "2 songs played while the crowd's mood was known; most while it was happy (1)."
    )
    expect(laptop.locator("#played-chart .ct-bar")).not_to_have_count(0)
    expect(laptop.locator("#played-table tbody tr")).to_have_text(["Happy1", "Energetic1", "Chill0", "Down0", "Tense0"])
    expect(laptop.locator("#requested-summary")).to_have_text(
        "Happy guests request the most: 2.5 songs each, on average."
    )
    expect(laptop.locator("#requested-table tbody tr").first).to_have_text("Happy522.5")
    expect(laptop.get_by_label("Guests feeling")).to_have_value("happy")  # the mood with the most requests
    expect(laptop.locator("#top-title")).to_have_text("Top ten when happy")
    expect(laptop.locator("#top-chart .ct-bar")).to_have_count(2)
    expect(laptop.locator("#top-table tbody tr")).to_have_text(["Dancing QueenABBA3", "Billie JeanMichael Jackson2"])
    expect(laptop.locator("#trending > li")).to_have_count(2)
    expect(laptop.locator("#trending > li").first).to_contain_text("Dancing Queen")
    expect(laptop.locator("#trending > li").first).to_contain_text("3 requests")
    expect(laptop.locator("#trending .spark .ct-area")).to_have_count(2)
    expect(laptop.locator("#trending-table tbody tr").first.locator("td").nth(1)).to_have_text("3")  # in 7 days
    screenshots(laptop, "stats-host")

    laptop.get_by_label("Guests feeling").select_option("energetic")
    expect(laptop.locator("#top-table tbody tr")).to_have_text(["Mr. BrightsideThe Killers2"])
    expect(laptop.locator("#trending > li")).to_have_count(1)
    laptop.get_by_label("Guests feeling").select_option("tense")
    expect(laptop.locator("#top-summary")).to_have_text("No guest has requested a song while tense yet.")
    expect(laptop.locator("#top-chart")).to_be_hidden()
    expect(laptop.locator("#trending-summary")).to_have_text(
        "No guest has requested a song while tense in the last 30 days."
    )
    expect(laptop.locator("#trending > li")).to_have_count(0)
    laptop.get_by_label("Guests feeling").select_option("happy")

    laptop.get_by_label("Trends by").select_option("day")
    expect(laptop.locator("#trend-summary")).to_have_text("Readings of each mood by day, over 1 day.")
    expect(laptop.locator("#trend-table tbody th")).to_have_text(
        re.compile(r"^(Dec 5|5 Dec)$")
    )  # the browser's own date format

    phone = logged_in(contexts(PHONE, server), server, host).new_page()
    phone.goto("/stats/")
    expect(phone.locator("#stats-summary")).to_have_text("6 moods told at 1 party you hosted or DJed.")
    expect(phone.locator("#when-summary")).to_contain_text("Saturdays at 20:00")  # this phone keeps UTC
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the heatmap scrolls in its box
    in_box = """() => {
        const box = document.querySelector(".heat-scroll").getBoundingClientRect();
        const cell = document.querySelector("#heatmap tbody").rows[5].cells[21].getBoundingClientRect();
        return cell.left >= box.left && cell.right <= box.right;
    }"""
    assert phone.evaluate(in_box), "the heatmap opens on the busiest hour (Saturday 20:00 here)"
    expect(phone.locator("#top-chart .ct-bar")).to_have_count(2)
    phone.locator("#songs-title").scroll_into_view_if_needed()
    screenshots(phone, "stats-phone")


def test_the_sites_staff_see_every_party(server, contexts, night):
    staff = make_account("sam", "Sam")
    staff.is_staff = True
    staff.save()
    page = logged_in(contexts(LAPTOP, server), server, staff).new_page()
    page.goto("/stats/")
    expect(page.locator("#stats-summary")).to_have_text(
        "No parties yet: the moods of your parties show here once guests tell them."
    )
    for section in page.locator(".figures").all():
        expect(section).to_be_hidden()
    page.get_by_label("Parties").select_option("site")
    expect(page.locator("#stats-summary")).to_have_text("6 moods told at 1 party on the whole site.")
    expect(page.locator("#most-active > li")).to_have_count(4)
    screenshots(page, "stats-empty-then-site")


def test_a_visitor_is_asked_to_log_in(server, contexts, db):
    page = contexts(PHONE, server).new_page()
    page.goto("/stats/")
    expect(page).to_have_url(re.compile(r"/host/login/\?next=/stats/$"))


def test_moods_without_requests_leave_the_songs_empty(server, contexts, db):
    nina = make_account("nina", "Nina")
    party = actions.start_event(nina, "A quiet night", make_account("dan", "Dan").username)
    off_the_loop(actions.tell_mood, make_guest(party, "Ivy"), "chill")
    page = logged_in(contexts(PHONE, server), server, nina).new_page()
    page.goto("/stats/")
    expect(page.locator("#stats-summary")).to_have_text("1 mood told at 1 party you hosted or DJed.")
    expect(page.locator("#camera-summary")).to_have_text("No guest has answered a selfie reading yet.")
    expect(page.locator(".camera-legend")).to_be_hidden()
    expect(page.locator("#played-summary")).to_have_text("No song has played yet while the crowd's mood was known.")
    expect(page.locator("#played-chart")).to_be_hidden()
    expect(page.locator("#requested-summary")).to_have_text("No guest has requested a song with a mood told yet.")
    expect(page.locator("#requested-chart")).to_be_hidden()
    rows = page.locator("#requested-table tbody tr")
    expect(rows.nth(0)).to_have_text("Happy00none")  # nobody told it: no average
    expect(rows.nth(2)).to_have_text("Chill010")  # Ivy told it and asked for nothing
    expect(page.get_by_label("Guests feeling")).to_have_value("happy")
    expect(page.locator("#top-summary")).to_have_text("No guest has requested a song while happy yet.")
    expect(page.locator("#trending > li")).to_have_count(0)
    screenshots(page, "stats-moods-no-songs")
