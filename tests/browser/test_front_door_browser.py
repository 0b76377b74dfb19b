"""Real browser: the front door, navigation, embed mode, cold start without torch, memory.

Pinned to the bundled story's ids (events msft-mistral-investment, cma-no-merger-probe, named by the
home page's findings in corpus/story.json): the test index every run builds holds the bundled story,
and these tests need a passage or event known to be in it; what they check does not depend on which
one.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_app
from tests.browser.streamlit_server import has_imported_torch, streamlit_server, wait_until_idle
from ui.frame import APP_NAME

MEMORY_LIMIT_MB = 1024


def rss_mb(process) -> float:
    status = Path(f"/proc/{process.pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024


def test_home_search_box_opens_search_results(server, page):
    open_app(page, server + "/")
    box = page.get_by_label("Search the documents and the primary sources")
    box.fill("How much did Microsoft invest in Mistral?")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?.*q=How"))
    wait_until_idle(page)
    expect(page.get_by_text("€15 Million Investment").first).to_be_visible()


def test_navigation_opens_every_page_at_its_clean_path_with_its_own_title(server, page):
    open_app(page, server + "/")
    titles = set()
    for label, path in (("Search", "/search"), ("Principles", "/principles"), ("Timeline", "/timeline"), ("About", "/about")):
        page.get_by_role("link", name=label).first.click()
        page.wait_for_url(re.compile(re.escape(path) + r"($|\?)"))
        wait_until_idle(page)
        expect(page.get_by_role("heading").first).to_be_visible()
        expect(page).to_have_title(re.compile(r".+ · " + re.escape(APP_NAME) + "$"))
        titles.add(page.title())
    assert len(titles) == 4


def test_finding_links_keep_the_parameters_they_mean_to(server, page):
    open_app(page, server + "/")
    page.get_by_role("link", name="See the regulators' timeline").click()
    page.wait_for_url(re.compile(r"/timeline\?.*event=cma-no-merger-probe"))
    wait_until_idle(page)
    assert "type=regulatory" in page.url


def test_embed_mode_renders_without_the_app_chrome(server, page):
    open_app(page, server + "/search?q=egress&embed=true")
    expect(page.get_by_text("Principle 7").first).to_be_visible()
    expect(page.get_by_role("button", name="Main menu")).to_have_count(0)
    assert "embed=true" in page.url  # the page's own URL updates keep the embed flag


def test_fresh_server_serving_only_home_and_about_never_imports_torch(page):
    with streamlit_server() as (base, process):
        open_app(page, base + "/")
        expect(page.get_by_text("The corpus at a glance")).to_be_visible()
        open_app(page, base + "/about")
        expect(page.get_by_text("Model and index")).to_be_visible()
        assert not has_imported_torch(process)


def test_serving_process_stays_under_1gb_after_searches_on_every_page(page):
    with streamlit_server() as (base, process):
        for path in ("/", "/search?q=How+much+did+Microsoft+invest+in+Mistral%3F", "/search?q=egress&mode=semantic",
                     "/principles", "/principles?view=matrix", "/timeline", "/timeline?event=msft-mistral-investment", "/about"):
            open_app(page, base + path)
        assert has_imported_torch(process)  # the searches really loaded the model
        assert rss_mb(process) < MEMORY_LIMIT_MB


@pytest.mark.parametrize("link, heading", [("/principles?principle=6", "Principle 6"), ("/search?q=egress", "Search the sources")])
def test_deep_link_as_first_request_to_a_fresh_server_gets_the_app_navigation(page, link, heading):
    """A shared link is often the first request a sleeping demo gets: it must not bypass app.py."""
    with streamlit_server() as (base, _):
        open_app(page, base + link)
        expect(page.get_by_text(heading).first).to_be_visible()
        expect(page.get_by_role("link", name="Timeline", exact=True)).to_be_visible()
        expect(page.locator('[data-testid="stSidebar"]')).to_have_count(0)
        expect(page.get_by_text("Page not found")).to_have_count(0)
