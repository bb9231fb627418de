"""The watch every browser test runs under: it sees a console error, an uncaught
exception, a request that fails and an error response, and lets through only the
refusals a test declares."""

from liveparty.processes import free_port
from tests.browser.conftest import Watch


def test_the_watch_sees_what_goes_wrong_on_a_page(browser, server):
    watch = Watch()
    context = browser.new_context(base_url=server)
    context.on("page", watch.page)
    page = context.new_page()
    page.goto("/host/")
    watch.expect(404, "/api/events/EXPECTED")
    page.evaluate("fetch('/api/events/EXPECTED').catch(() => {})")
    page.evaluate("console.error('boom')")
    page.evaluate("fetch('/api/events/MISSING').catch(() => {})")
    page.route("**/api/unreachable", lambda route: route.abort("connectionrefused"))
    page.evaluate("fetch('/api/unreachable').catch(() => {})")  # as if the server were gone
    page.evaluate(f"fetch('http://127.0.0.1:{free_port()}/').catch(() => {{}})")  # another origin: the CSP says no
    page.evaluate("setTimeout(() => { throw new Error('nobody caught me'); })")
    page.wait_for_timeout(1000)
    context.close()
    seen = "\n".join(watch.problems)
    assert "console error 'boom'" in seen
    assert "/api/events/MISSING answered 404" in seen
    assert "failed: net::ERR_CONNECTION_REFUSED" in seen
    assert "violates the document's Content Security Policy" in seen
    assert "uncaught nobody caught me" in seen
    assert "EXPECTED" not in seen
