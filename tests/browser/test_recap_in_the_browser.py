"""The recap in Chromium, as each person sees it: a guest's phone with their own night, the
host's laptop with the playlist to take home, a visitor, a party with nothing in it, and a
party still going. Every chart is drawn (SVG bars) and has its table."""

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from playwright.sync_api import BrowserContext, Page, expect

from liveparty.accounts.models import Guest
from liveparty.accounts.sessions import remember_guest
from liveparty.actions import end_event, start_event
from liveparty.catalog.models import Song
from liveparty.processes import daphne
from tests.browser.conftest import LAPTOP, PHONE, off_the_loop, screenshots
from tests.browser.people import logged_in, song_row
from tests.fake_spotify import FakeSpotify, track
from tests.nights import Night, seed_night, seed_selfies
from tests.personas import make_account, make_guest
from tests.recap.test_exports import m3u_entries
from tests.servers import server_env

SLICES = 24  # the seeded night: two hours in 5-minute slices


def as_guest(context: BrowserContext, server: str, guest: Guest) -> BrowserContext:
    """A context whose session is this guest's (as after joining from this phone)."""
    client = Client()
    session = client.session
    remember_guest(session, guest)
    session.save()
    context.add_cookies([{"name": "sessionid", "value": session.session_key, "url": server}])
    return context


def expect_every_chart(page: Page) -> None:
    expect(page.locator("#requested-chart .ct-bar")).to_have_count(3)
    expect(page.locator("#time-chart .ct-bar")).to_have_count(SLICES)
    expect(page.locator("#time-table tbody tr")).to_have_count(SLICES)
    expect(page.locator("#mood-chart .ct-bar")).to_have_count(5)
    expect(page.locator("#mood-table tbody tr")).to_have_count(5)
    expect(page.locator("#mood-time-chart .ct-bar")).to_have_count(5 * SLICES)
    expect(page.locator("#mood-time-table thead th")).to_have_count(6)
    expect(page.locator("#mood-time-table tbody tr")).to_have_count(SLICES)


@pytest.fixture
def night(event, host, dj, guest, guest2, guest3, songs) -> Night:
    return off_the_loop(seed_night, event, host, dj, guest, guest2, guest3, songs)


def test_a_guest_sees_the_night_and_their_own_on_a_phone(server, contexts, night):
    event = night.event
    gina = as_guest(contexts(PHONE, server), server, night.gina).new_page()
    gina.goto(f"/e/{event.code}/recap/")
    expect(gina.locator("#night-numbers")).to_have_text("4 guests joined, 3 took part · 2 songs played · 8 requests.")
    expect(gina.locator("#busiest")).to_contain_text("Busiest:")
    expect(gina.get_by_role("heading", name="My night · Gina")).to_be_visible()
    expect(gina.locator("#my-requests > li")).to_have_count(3)
    expect(gina.locator("#my-requests > li").nth(0)).to_contain_text("Dancing Queen")
    expect(gina.locator("#my-requests > li").nth(0)).to_contain_text("played")
    expect(gina.locator("#my-requests > li").nth(1)).to_contain_text("not played: the party ended")
    expect(gina.locator("#my-requests > li").nth(2)).to_contain_text("withdrawn")
    expect(gina.locator("#my-ratings").get_by_role("img", name="5 of 5 stars")).to_be_visible()
    expect(gina.locator("#my-moods > li")).to_have_count(2)
    expect(gina.locator("#my-moods")).to_contain_text("Energetic")
    expect(gina.locator("#my-share-summary")).to_have_text("Mostly happy: 1 of the 2 moods I told.")
    expect(gina.locator("#my-share-chart .ct-slice-pie")).to_have_count(2)  # happy and energetic
    expect(gina.locator("#my-time-chart .ct-line")).to_have_count(5)
    expect(gina.locator("#my-time-legend li")).to_have_count(5)
    expect(gina.locator("#my-time-table tbody tr")).to_have_count(SLICES)
    expect(gina.locator("#my-camera")).to_be_hidden()  # Gina never sent a selfie
    # Played while Gina felt happy (20:30) and energetic (20:50); asked in those moods at 20:33 and
    # 20:40 (her 20:02 ask came before any mood).
    expect(gina.locator("#my-songs-summary")).to_contain_text("the mood I told last, up to 40 minutes before")
    by_mood = gina.locator("#my-songs-table tbody tr")
    for row, (mood, played, requested) in enumerate(
        [("Happy", "1", "1"), ("Energetic", "1", "1"), ("Chill", "0", "0")]
    ):
        expect(by_mood.nth(row).locator("th")).to_have_text(mood)
        expect(by_mood.nth(row).locator("td")).to_have_text([played, requested])
    expect(gina.locator("#my-songs-chart .ct-bar")).to_have_count(10)

    ranked = gina.locator("#most-requested > li")
    expect(ranked).to_have_count(3)
    expect(ranked.nth(0)).to_contain_text("Dancing Queen")
    expect(ranked.nth(0)).to_contain_text("3 asks")
    expect(ranked.nth(0)).to_contain_text("played")
    expect(gina.locator("#requested-summary")).to_have_text(
        "Dancing Queen led with 3 asks; the list below has every figure."
    )
    expect(gina.locator("#played > li").nth(0)).to_contain_text("requested by Gina · 3 asks")
    expect(gina.locator("#played > li").nth(1)).to_contain_text("the DJ's pick (DJ Dave)")
    expect(gina.locator("#top-rated > li").nth(0)).to_contain_text("5.0 ★ · 1")
    expect(gina.locator("#mood-summary")).to_have_text(
        re.compile(r"^Mostly happy \(33%\), from 3 readings: 3 tapped, 0 from selfies\.")
    )
    expect_every_chart(gina)
    expect(gina.get_by_role("link", name="M3U")).to_have_count(0)  # the playlist is the staff's
    assert gina.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing wider than the phone
    screenshots(gina, "recap-guest")


def test_a_guest_sees_what_they_said_of_the_camera(server, contexts, night):
    seed_selfies(night)
    greta = as_guest(contexts(PHONE, server), server, night.greta).new_page()
    greta.goto(f"/e/{night.event.code}/recap/")
    expect(greta.locator("#my-camera-summary")).to_have_text("The camera read me right 1 time in 2.")
    expect(greta.locator("#my-camera-chart .ct-bar")).not_to_have_count(0)
    expect(greta.locator("#my-camera-table tbody tr")).to_have_count(5)
    screenshots(greta, "recap-my-camera")


def test_the_host_takes_the_playlist_home_and_a_visitor_sees_the_night(server, contexts, night, host):
    event = night.event
    laptop = logged_in(contexts(LAPTOP, server), server, host).new_page()
    laptop.goto(f"/e/{event.code}/recap/")
    expect(laptop.locator("#my-night")).to_be_hidden()
    expect_every_chart(laptop)
    with laptop.expect_download() as download:
        laptop.get_by_role("link", name="M3U").click()
    assert download.value.suggested_filename == f"{event.code}-played.m3u"
    titles = [name for _, name, _ in m3u_entries(download.value.path().read_text(encoding="utf-8"))]
    assert titles == ["ABBA - Dancing Queen", "OutKast - Hey Ya!"]
    with laptop.expect_download() as download:
        laptop.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename == f"{event.code}-played.csv"
    screenshots(laptop, "recap-host")

    visitor = contexts(PHONE, server).new_page()
    visitor.goto(f"/e/{event.code}/recap/")
    expect(visitor.locator("#most-requested > li")).to_have_count(3)
    expect(visitor.locator("#my-night")).to_be_hidden()
    expect(visitor.get_by_role("link", name="CSV")).to_have_count(0)


def test_guests_vote_for_the_song_of_the_night_and_the_host_closes_the_poll(server, contexts, night, host):
    event = night.event
    gina = as_guest(contexts(PHONE, server), server, night.gina).new_page()
    gus = as_guest(contexts(PHONE, server), server, night.gus).new_page()
    laptop = logged_in(contexts(LAPTOP, server), server, host).new_page()
    for page in (gina, gus, laptop):
        page.goto(f"/e/{event.code}/recap/")
    expect(gina.locator("#poll-summary")).to_have_text(
        "Vote for the song of the night: one vote each, yours to move until the poll closes."
    )
    expect(gina.locator("#poll-candidates > li")).to_have_count(3)
    expect(laptop.locator("#poll-summary")).to_have_text(
        "0 votes so far: guests vote until the host or the DJ closes the poll."
    )
    expect(laptop.get_by_role("button", name=re.compile("^Vote for"))).to_have_count(0)  # the host has no vote
    screenshots(gina, "recap-poll-open")

    gina.get_by_role("button", name="Vote for Billie Jean").click()
    expect(gina.get_by_role("button", name="Vote for Billie Jean")).to_have_attribute("aria-pressed", "true")
    expect(gina.locator("#poll-summary")).to_have_text("Your vote is in. You can move it until the poll closes.")
    gina.get_by_role("button", name="Vote for Dancing Queen").click()  # moved, not added
    expect(gina.get_by_role("button", name="Vote for Dancing Queen")).to_have_text("Your vote")
    gus.get_by_role("button", name="Vote for Dancing Queen").click()
    queen = song_row(laptop, "poll-candidates", "Dancing Queen")
    expect(queen).to_contain_text("2 votes")  # reached the host's page by itself
    expect(song_row(gina, "poll-candidates", "Dancing Queen")).to_contain_text("2 votes")
    expect(song_row(gina, "poll-candidates", "Billie Jean")).to_contain_text("0 votes")

    laptop.once("dialog", lambda dialog: dialog.accept())
    laptop.get_by_role("button", name="Close the poll").click()
    winner = "The song of the night: Dancing Queen by ABBA, with 2 votes of 2."
    expect(laptop.locator("#poll-summary")).to_have_text(winner)
    expect(laptop.get_by_role("button", name="Close the poll")).to_be_hidden()
    expect(queen).to_contain_text("winner")
    expect(gus.locator("#poll-summary")).to_have_text(winner)  # the guests' pages see it close
    expect(gus.get_by_role("button", name=re.compile("^Vote for"))).to_have_count(0)
    screenshots(gus, "recap-poll-closed")


def test_a_party_with_nothing_in_it_says_so(server, contexts, event, host):
    off_the_loop(end_event, event, host)
    page = contexts(PHONE, server).new_page()
    page.goto(f"/e/{event.code}/recap/")
    expect(page.locator("#night-numbers")).to_have_text("0 guests joined, 0 took part · 0 songs played · 0 requests.")
    expect(page.locator("#most-requested")).to_have_text("Nobody requested a song at this party.")
    expect(page.locator("#time-summary")).to_have_text("No requests over the night.")
    expect(page.locator("#played")).to_have_text("Nothing was played at this party.")
    expect(page.locator("#top-rated")).to_have_text("Nobody rated a song at this party.")
    expect(page.locator("#mood-summary")).to_have_text("Nobody told their mood at this party.")
    expect(page.locator("#poll-summary")).to_have_text("Nobody requested a song, so there is nothing to vote for.")
    for chart in ("#requested-chart", "#time-chart", "#mood-chart", "#mood-time-chart"):
        expect(page.locator(chart)).to_be_hidden()
    screenshots(page, "recap-empty")


def test_a_party_still_going_opens_its_recap_to_the_staff_alone(server, contexts, db, songs):
    hana, dave = make_account("hana2", "Hana"), make_account("dave2", "DJ Dave")
    party = start_event(hana, "Still dancing", dave.username)
    guest = make_guest(party, "Gina")
    phone = as_guest(contexts(PHONE, server), server, guest).new_page()
    phone.goto(f"/e/{party.code}/recap/")
    expect(phone.get_by_role("heading", name="Still going")).to_be_visible()
    expect(phone.locator("#most-requested")).to_have_count(0)
    screenshots(phone, "recap-live-guest")
    host = logged_in(contexts(LAPTOP, server), server, hana).new_page()
    host.goto(f"/e/{party.code}/recap/")
    expect(host.locator(".live-note")).to_contain_text("this is the recap so far, for its host and DJs")
    expect(host.locator("#night-numbers")).to_have_text("1 guest joined, 0 took part · 0 songs played · 0 requests.")
    expect(host.locator("#poll-summary")).to_contain_text("The poll opens when the party ends")
    screenshots(host, "recap-live-host")


@pytest.fixture
def spotify() -> Iterator[FakeSpotify]:
    with FakeSpotify() as fake:
        yield fake


@pytest.fixture
def spotify_server(transactional_db, tmp_path, spotify) -> Iterator[str]:
    """A daphne process whose Spotify is the local fake."""
    env = server_env(
        tmp_path,
        SPOTIFY_CLIENT_ID=spotify.credentials[0],
        SPOTIFY_CLIENT_SECRET=spotify.credentials[1],
        SPOTIFY_API_URL=spotify.api_url,
        SPOTIFY_TOKEN_URL=spotify.token_url,
        SPOTIFY_AUTHORIZE_URL=spotify.authorize_url,
    )
    with daphne(env, tmp_path / "daphne.log") as base:
        yield base


def test_the_dj_connects_spotify_and_saves_the_night_there(spotify_server, contexts, night, dj, spotify):
    Song.objects.filter(title="Hey Ya!").update(spotify_id="trk0000000000000000004")
    spotify.tracks = [track(1, name="Dancing Queen", artists=[{"name": "ABBA", "id": "abba"}])]
    laptop = logged_in(contexts(LAPTOP, spotify_server), spotify_server, dj).new_page()

    laptop.goto(f"/e/{night.event.code}/recap/")
    expect(laptop.locator("#spotify-note")).to_have_text(
        "Connect your Spotify account to save the playlist there, as a private playlist."
    )
    laptop.get_by_role("link", name="Connect Spotify").click()  # the fake's consent page says yes
    expect(laptop.locator("#spotify-note")).to_have_text("Spotify is connected: save the playlist there.")
    laptop.get_by_role("button", name="Save to Spotify").click()
    expect(laptop.locator("#spotify-note")).to_have_text(
        re.compile(r"^Saved 2 songs to Spotify as Hana's birthday · 5 Dec 2026\.$")
    )
    expect(laptop.get_by_role("link", name=re.compile("^Hana's birthday"))).to_have_attribute(
        "href", "https://open.spotify.com/playlist/made1"
    )
    assert spotify.made["made1"]["uris"] == [
        "spotify:track:trk0000000000000000001",
        "spotify:track:trk0000000000000000004",
    ]
    screenshots(laptop, "recap-spotify-saved")
