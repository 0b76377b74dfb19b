"""Evidence a journalist can paste: the citation reaches the clipboard by keyboard, with the
quote and the permalink; a fact-check or timeline hit opens its own view.

Pinned to the bundled story's ids (article:8): the test index every run builds holds the bundled
story, and these tests need a passage or event known to be in it; what they check does not depend on
which one.
"""

import re
from urllib.parse import quote_plus

from playwright.sync_api import expect

from tests.browser.conftest import open_app


def test_copy_citation_by_keyboard_puts_quote_and_permalink_on_the_clipboard(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(60_000)
    open_app(page, server + "/search?q=" + quote_plus("€15 million") + "&p=article:8")
    opened = page.locator('.passage.opened[data-passage="article:8"]')
    expect(opened).to_be_visible(timeout=120_000)
    page.get_by_role("button", name="Close").focus()  # then Tab, as a keyboard user would, to the copy button
    copy = page.frame_locator("iframe").first.get_by_role("button", name="Copy citation")
    expect(copy).to_be_visible()
    for _ in range(40):
        page.keyboard.press("Tab")
        if copy.evaluate("b => b === document.activeElement && document.hasFocus()"):
            break
    else:
        raise AssertionError("the Copy citation button is not reachable with Tab")
    page.keyboard.press("Enter")
    expect(page.frame_locator("iframe").first.get_by_role("status")).to_have_text("Copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "Microsoft pledged €15 million" in copied  # the quote
    assert re.search(r"“[^”]+”", copied)  # in quotation marks
    assert re.search(r"Permalink: http://\S+/search\?p=article:8", copied)
    assert "shared/" not in copied and ".txt" not in copied  # never an internal path
    context.close()


def test_a_factcheck_hit_links_to_its_view(server, page):
    open_app(page, server + "/search?kind=factcheck&q=" + quote_plus("convertible loan"))
    link = page.get_by_role("link", name=re.compile(r"Open in (Principles|Timeline)")).first
    expect(link).to_be_visible(timeout=120_000)
    href = link.get_attribute("href")
    assert re.search(r"(^|/)(principles|timeline)\?", href)
    link.click()
    expect(page).to_have_url(re.compile(r"/(principles|timeline)\?"))


def test_a_timeline_event_hit_links_to_the_event_on_the_timeline(server, page):
    open_app(page, server + "/search?kind=event&q=" + quote_plus("CMA material influence"))
    link = page.get_by_role("link", name=re.compile(r"Open in Timeline")).first
    expect(link).to_be_visible(timeout=120_000)
    assert re.search(r"(^|/)timeline\?event=", link.get_attribute("href"))
