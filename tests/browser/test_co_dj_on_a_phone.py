"""A co-DJ runs the console from a phone (390x844): every control in reach, nothing wider
than the screen, in the empty, live and ended states, with a rule set and a guest muted
from a request's menu."""

from playwright.sync_api import Page, expect

from liveparty.actions import invite_co_dj
from tests.browser.conftest import PHONE, off_the_loop, screenshots
from tests.browser.people import as_dj, guest_token, logged_in, request_over_http, song_row

FITS = """() => {
  const wide = document.documentElement.scrollWidth;
  const out = [...document.querySelectorAll("button, a, input, select, summary")]
    .filter((node) => node.offsetParent !== null)
    .map((node) => [node.textContent.trim() || node.getAttribute("aria-label"), node.getBoundingClientRect()])
    .filter(([, box]) => box.left < 0 || box.right > innerWidth + 0.5)
    .map(([name]) => name);
  return { wide, out };
}"""


def assert_fits(page: Page) -> None:
    fits = page.evaluate(FITS)
    assert fits["wide"] <= PHONE["width"], f"the page is {fits['wide']} px wide"
    assert fits["out"] == [], f"off screen: {fits['out']}"


def test_a_co_dj_on_a_phone_reaches_every_control(server, contexts, event, dj, co_dj, songs):
    off_the_loop(invite_co_dj, event, dj, co_dj.username)
    phone = logged_in(contexts(PHONE, server), server, co_dj).new_page()
    phone.goto("/dj/")
    phone.get_by_role("link", name=f"Open the DJ console of {event.name}").click()
    expect(phone.locator("#status")).to_have_text("Live")
    assert_fits(phone)
    screenshots(phone, "co-dj-empty")

    gina = guest_token(server, event.code, "Gina")
    for song in songs[:3]:
        request_over_http(server, event.code, gina, song.pk)
    row = phone.locator("#stack tr", has_text=songs[0].title)
    expect(row.get_by_role("button", name=f"Accept {songs[0].title}")).to_be_in_viewport()
    expect(row.get_by_role("button", name=f"Deny {songs[0].title}")).to_be_in_viewport()
    assert_fits(phone)
    row.get_by_role("button", name=f"Accept {songs[0].title}").click()
    phone.locator("#stack tr", has_text=songs[1].title).get_by_role("button", name=f"Deny {songs[1].title}").click()
    queued = song_row(phone, "queue", songs[0].title)
    expect(queued).to_be_visible()
    queued.get_by_role("button", name=f"Play {songs[0].title} now").click()
    expect(phone.locator("#now-playing")).to_have_text(songs[0].title)
    phone.locator("#suggestions li").first.get_by_role("button", name="Queue").click()
    expect(phone.locator("#queue > li")).to_have_count(1)
    phone.locator("#crate-panel summary").click()
    assert_fits(phone)
    screenshots(phone, "co-dj-live")

    # Tonight's rules and a request's menu, with a thumb: in reach and on the screen.
    phone.get_by_role("button", name="Fair order").click()
    expect(phone.get_by_role("button", name="Fair order")).to_have_attribute("aria-pressed", "true")
    row = phone.locator("#stack tr", has_text=songs[2].title)
    row.get_by_label(f"More for {songs[2].title}").click()
    expect(row.get_by_role("button", name="Mute Gina")).to_be_visible()
    assert_fits(phone)
    screenshots(phone, "co-dj-menu")
    row.get_by_role("button", name="Mute Gina").click()
    expect(phone.locator("#stack tr", has_text=songs[2].title)).to_have_count(0)
    phone.get_by_role("button", name="Welcome Gina back").scroll_into_view_if_needed()
    expect(phone.locator("#sanctions li")).to_contain_text("muted: nothing they do counts")
    assert_fits(phone)

    as_dj(server, event.code, dj, "end")
    expect(phone.locator("#status")).to_have_text("Party over")
    expect(phone.locator("#party-over")).to_be_in_viewport()
    assert_fits(phone)
    screenshots(phone, "co-dj-ended")
