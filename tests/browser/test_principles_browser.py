"""Real browser: /principles renders, opens deep links and explains bad values."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import open_app
from tests.browser.streamlit_server import has_imported_torch, streamlit_server

PLOTLY = ".js-plotly-plot >> visible=true"  # a re-rendered chart may leave a hidden copy behind


def test_principles_page_renders_eleven_principles_and_a_chart(server, page):
    open_app(page, server + "/principles")
    expect(page.get_by_role("heading", name=re.compile(r"^Principles"))).to_be_visible()
    for n in range(1, 12):
        expect(page.get_by_text(re.compile(rf"^P{n} · ")).first).to_be_visible()
    expect(page.locator(PLOTLY).first).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile(r"^By the model's reading, .* discusses \d+ of the 11 items"))).to_be_visible()


def test_matrix_view_shows_the_heatmap(server, page):
    open_app(page, server + "/principles?view=matrix&principle=3")
    expect(page.locator(PLOTLY).first).to_be_visible(timeout=60_000)
    expect(page.get_by_role("heading", name=re.compile(r"^Principle 3: "))).to_be_visible()


def test_deep_link_opens_principle_6(server, page):
    open_app(page, server + "/principles?principle=6")
    expect(page.get_by_role("heading", name=re.compile(r"^Principle 6: No use of developers"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Microsoft pledges not to use non-public")).first).to_be_visible()
    assert "principle=6" in page.url


def test_bad_principle_shows_a_notice(server, page):
    open_app(page, server + "/principles?principle=99")
    expect(page.get_by_text("Ignored principle='99'", exact=False)).to_be_visible()
    expect(page.get_by_text(re.compile(r"^P11 · ")).first).to_be_visible()


def test_principles_page_does_not_load_the_language_model(page):
    with streamlit_server() as (base, process):
        open_app(page, base + "/principles?view=claims")
        expect(page.get_by_text(re.compile(r"^Aspect: People")).first).to_be_visible()
        assert not has_imported_torch(process)
