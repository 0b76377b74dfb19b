"""Links that paste, in a real browser: a permalink and a source URL shown on a page are copied
(selected and copied with the keyboard, read back from the clipboard) and opened. The copied text
is the link's own href, with no invisible characters (word joiners), and it opens: the permalink
shows the same view in a fresh browser, the source URL reaches its own host (answered here by a
stand-in, the tests run offline).

Pinned to the bundled story's ids (event msft-mistral-investment): the test index every run builds
holds the bundled story, and these tests need a passage or event known to be in it; what they check
does not depend on which one.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_app
from tests.browser.streamlit_server import wait_until_idle

pytestmark = pytest.mark.browser
INVISIBLE = ("\u2060", "\u200b", "\u200c", "\u200d", "\ufeff")


@pytest.fixture
def clipboard_page(browser, server):
    origin = f"{urlsplit(server).scheme}://{urlsplit(server).netloc}"
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


def copy_link(page, link) -> str:
    """Select a link's text as a reader would, copy it with the keyboard, read the clipboard."""
    link.scroll_into_view_if_needed()
    link.evaluate("""(a) => { const range = document.createRange(); range.selectNodeContents(a);
                              const s = window.getSelection(); s.removeAllRanges(); s.addRange(range); }""")
    page.keyboard.press("Control+C")
    return page.evaluate("() => navigator.clipboard.readText()")


def shown_link(page, starts: str):
    """The link on the page whose visible text is a URL starting with `starts`."""
    link = page.locator("a", has=page.locator("code")).filter(has_text=starts).first
    expect(link).to_be_visible()
    return link


def test_a_copied_permalink_is_its_href_and_opens_the_same_view(server, clipboard_page, browser):
    page = clipboard_page
    open_app(page, f"{server}/principles?principle=6")
    link = shown_link(page, f"{server}/principles?")
    copied = copy_link(page, link)
    assert not any(c in copied for c in INVISIBLE), repr(copied)
    assert copied == link.get_attribute("href") and "principle=6" in copied
    fresh = browser.new_context()
    other = fresh.new_page()
    try:
        other.goto(copied)
        wait_until_idle(other)
        expect(other.get_by_text("Principle 6, in our own words")).to_be_visible()
    finally:
        fresh.close()


def test_a_copied_source_url_is_its_href_and_reaches_its_host(server, clipboard_page):
    page = clipboard_page
    open_app(page, f"{server}/timeline?event=msft-mistral-investment")
    link = shown_link(page, "https://")
    copied = copy_link(page, link)
    assert not any(c in copied for c in INVISIBLE), repr(copied)
    assert copied == link.get_attribute("href")
    reached = []
    host = urlsplit(copied).hostname
    page.context.route(f"**://{host}/**", lambda route: (reached.append(route.request.url),
                                                       route.fulfill(body="source page", content_type="text/plain")))
    page.goto(copied)
    assert reached == [copied]
