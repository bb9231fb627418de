"""Browser tests: Debian's Chromium driven by Playwright (no browser download), against
a real daphne process. Screenshots of every page go to var/screenshots/ (git-ignored)."""

import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from tests.needs import unavailable

T = TypeVar("T")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1440, "height": 900}
# Long enough for a slow CI machine; a page that never shows a thing fails in this time.
EXPECT_TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Module-scoped: while Playwright runs, this thread has an event loop that other
    (async) tests must not find. The loop also makes Django refuse database calls from
    this thread; these tests make them from this one thread only, so that is allowed."""
    if not shutil.which(CHROMIUM):
        unavailable(f"needs Chromium at {CHROMIUM} (`make test` installs Debian's chromium)")
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def contexts(browser: Browser) -> Iterator[callable]:
    """Make browser contexts (separate cookie jars: separate people); all closed after."""
    made: list[BrowserContext] = []

    def make(viewport: dict, base_url: str) -> BrowserContext:
        context = browser.new_context(viewport=viewport, base_url=base_url, is_mobile=viewport is PHONE)
        context.set_default_timeout(EXPECT_TIMEOUT_MS)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def off_the_loop(func: Callable[..., T], *args: object) -> T:
    """Call a service from another thread: its publish-on-commit uses async_to_sync, which
    refuses to run in this thread while Playwright's loop is here."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(func, *args).result()
