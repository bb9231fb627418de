"""Browser tests: Debian's Chromium driven by Playwright (no browser download), against
a real daphne process. Every page a test opens is watched: a console error, an uncaught
exception, a failed request or an error response fails the test unless the test said it
expects that refusal. Screenshots go to var/screenshots/ (git-ignored)."""

import re
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, Response, sync_playwright

from tests.needs import unavailable

T = TypeVar("T")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1440, "height": 900}
# Long enough for a slow CI machine; a page that never shows a thing fails in this time.
EXPECT_TIMEOUT_MS = 10_000
# How Chromium reports a response it got with an error status.
STATUS_LOGGED = re.compile(r"status of (\d{3})")


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


class Watch:
    """What went wrong on the pages of one test. A refusal the test provokes (a 409 for a
    taken nickname) is declared with `expect`; while a context is offline on purpose,
    its failed connections are what offline means (`offline`)."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.expected: list[tuple[int, str]] = []
        self.offline_contexts: set[BrowserContext] = set()

    def page(self, page: Page) -> None:
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda error: self.problems.append(f"{page.url}: uncaught {error}"))
        page.on("requestfailed", lambda request: self._failed(page, request))
        page.on("response", self._response)

    def expect(self, status: int, path: str) -> None:
        self.expected.append((status, path))

    @contextmanager
    def offline(self, context: BrowserContext) -> Iterator[None]:
        context.set_offline(True)
        self.offline_contexts.add(context)
        try:
            yield
        finally:
            context.set_offline(False)
            self.offline_contexts.discard(context)

    def _allowed(self, status: int, url: str) -> bool:
        return any(status == code and path in url for code, path in self.expected)

    def _console(self, page: Page, message: ConsoleMessage) -> None:
        if message.type != "error" or page.context in self.offline_contexts:
            return
        logged = STATUS_LOGGED.search(message.text)
        if logged and self._allowed(int(logged.group(1)), message.location.get("url", "")):
            return
        self.problems.append(f"{page.url}: console error {message.text!r} at {message.location.get('url')}")

    def _failed(self, page: Page, request: Request) -> None:
        # Aborted: the page moved on (a navigation, a closing page), nothing failed.
        if page.context in self.offline_contexts or request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"{request.method} {request.url} failed: {request.failure}")

    def _response(self, response: Response) -> None:
        if response.status >= 400 and not self._allowed(response.status, response.url):
            self.problems.append(f"{response.request.method} {response.url} answered {response.status}")


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def contexts(browser: Browser, watch: Watch) -> Iterator[Callable[..., BrowserContext]]:
    """Make browser contexts (separate cookie jars: separate people); every page in them is
    watched, and the test fails on what the watch saw. All closed after."""
    made: list[BrowserContext] = []

    def make(viewport: dict, base_url: str, **options: object) -> BrowserContext:
        context = browser.new_context(viewport=viewport, base_url=base_url, is_mobile=viewport is PHONE, **options)
        context.set_default_timeout(EXPECT_TIMEOUT_MS)
        context.on("page", watch.page)
        made.append(context)
        return context

    yield make
    problems = list(watch.problems)
    for context in made:
        context.close()
    assert not problems, "\n".join(problems)


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def screenshots(page: Page, name: str) -> None:
    """The page as it is now, at phone and at laptop size (`name-phone.png`, `name-laptop.png`)."""
    viewport = page.viewport_size
    for size, other in (("phone", PHONE), ("laptop", LAPTOP)):
        page.set_viewport_size(other)
        page.wait_for_timeout(100)  # one layout after the resize
        screenshot(page, f"{name}-{size}")
    page.set_viewport_size(viewport)


def off_the_loop(func: Callable[..., T], *args: object) -> T:
    """Call a service from another thread: its publish-on-commit uses async_to_sync, which
    refuses to run in this thread while Playwright's loop is here."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(func, *args).result()
