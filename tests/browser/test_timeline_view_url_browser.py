"""The timeline's view equals its URL in a real browser: a period pill writes from/to into the
address bar and filters the view; the event card's permalink keeps the filters; a shared link
opens with the event it names chosen.

Pinned to the bundled story's ids (event msft-mistral-investment): the test index every run builds
holds the bundled story, and these tests need a passage or event known to be in it; what they check
does not depend on which one.
"""

import re

from playwright.sync_api import expect

from tests.browser.conftest import open_app
from tests.browser.streamlit_server import wait_until_idle

INVESTMENT = "msft-mistral-investment"


def test_a_period_pill_filters_the_view_and_writes_the_url(server, page):
    open_app(page, server + "/timeline")
    expect(page.get_by_text(re.compile(r"^Showing \d+ of \d+ events"))).to_be_visible(timeout=120_000)
    whole = page.get_by_text(re.compile(r"^Showing \d+ of \d+ events")).inner_text()
    page.get_by_text("Dec 2023 - Jun 2024", exact=True).click()
    page.wait_for_url(re.compile(r"from=2023-12-01.*to=2024-06-30|to=2024-06-30.*from=2023-12-01"))
    wait_until_idle(page)
    filtered = page.get_by_text(re.compile(r"^Showing \d+ of \d+ events")).inner_text()
    assert filtered != whole and "2023-12-01 to 2024-06-30" in filtered
    page.reload()
    wait_until_idle(page)
    expect(page.get_by_text(filtered)).to_be_visible(timeout=120_000)


def test_a_shared_event_link_opens_at_that_event_and_its_permalink_keeps_the_filters(server, page):
    open_app(page, server + f"/timeline?from=2024-02-01&to=2024-03-31&event={INVESTMENT}")
    expect(page.get_by_text("Permalink:").first).to_be_visible(timeout=120_000)
    card = page.get_by_text("Permalink:").first.locator("xpath=..").inner_text()
    assert f"event={INVESTMENT}" in card and "from=2024-02-01" in card and "to=2024-03-31" in card
    expect(page.get_by_role("heading", name="Microsoft invests EUR 15M in Mistral AI")).to_be_visible()
