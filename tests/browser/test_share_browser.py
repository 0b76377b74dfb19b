"""Sharing in a real browser: a page opened from a link that carries a preview still runs as the
app, hostile URL text stays text, and another origin can read the JSON twin (CORS for GET).

Pinned to the bundled story's ids (article:8): the test index every run builds holds the bundled
story, and these tests need a passage or event known to be in it; what they check does not depend on
which one.
"""

import json
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from explorer.links.pages import BY_NAME
from tests.browser.conftest import open_app
from ui.frame import APP_NAME

pytestmark = pytest.mark.browser


def test_a_passage_link_with_a_preview_still_opens_the_passage(server, page):
    open_app(page, f"{server}/search?{urlencode({'q': 'investment', 'mode': 'keyword', 'p': 'article:8'})}")
    expect(page.get_by_text("¶8 in context")).to_be_visible()
    # after the app's script ran, the tab shows the page's own title (set_page_config)
    expect(page).to_have_title(f"{BY_NAME['search'].title} · {APP_NAME}")


def test_hostile_text_in_a_link_is_shown_as_text(server, page):
    text = '"><img src=x onerror="window.hit=1">'
    open_app(page, f"{server}/search?{urlencode({'q': text, 'mode': 'keyword'})}")
    expect(page.get_by_label("Search", exact=True)).to_have_value(text)
    assert page.evaluate("() => window.hit === undefined")
    assert page.locator("img[src='x']").count() == 0


def test_another_origin_can_read_the_json_twin(server, page):
    other = server.replace("127.0.0.1", "localhost")  # the same server under another origin
    open_app(page, f"{server}/about")
    payload = page.evaluate("""async (url) => {
        const response = await fetch(url);
        return {status: response.status, body: await response.text()};
    }""", f"{other}/api/search?{urlencode({'q': 'egress fees', 'mode': 'keyword', 'k': '2'})}")
    assert payload["status"] == 200
    body = json.loads(payload["body"])
    assert body["view"] == "search" and len(body["hits"]) == 2
