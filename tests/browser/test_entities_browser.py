"""Entities in a real browser: a search filtered by an entity from its facets, shared as a link
that a fresh browser opens to the same view; an entity's page and one of its mentions."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, open_app
from tests.browser.streamlit_server import wait_until_idle

pytestmark = pytest.mark.browser


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"entities-{name}.png"), full_page=True)


def test_a_facet_filters_the_search_and_the_link_shares_the_filter(server, page, browser):
    open_app(page, f"{server}/search?q=investment&mode=keyword")
    facet = page.get_by_role("button", name=re.compile(r"^Mistral AI · \d+$"))
    expect(facet).to_be_visible()
    facet.click()
    expect(page).to_have_url(re.compile(r"ent=mistral-ai"))
    expect(page.get_by_text("Only passages naming Mistral AI")).to_be_visible()
    wait_until_idle(page)  # the filtered rerun has replaced the unfiltered hits
    names = page.get_by_text(re.compile(r"^Names: "))
    expect(names.first).to_be_visible()
    assert all("Mistral" in text for text in names.all_inner_texts())
    first_hit = page.locator(".hit.result").first.get_attribute("data-passage")
    shot(page, "search-filtered")

    shared = page.url
    fresh = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        other = fresh.new_page()
        open_app(other, shared)
        expect(other.get_by_text("Only passages naming Mistral AI")).to_be_visible()
        expect(other.locator(".hit.result").first).to_have_attribute("data-passage", first_hit)
    finally:
        fresh.close()


def test_an_entity_page_shows_its_mentions_and_opens_one_in_context(server, page):
    open_app(page, f"{server}/entities?type=organisation")
    page.get_by_role("button", name=re.compile(r"^Mistral AI \(\d+\)$")).click()
    expect(page.get_by_role("heading", name="Mistral AI", exact=True)).to_be_visible()
    expect(page).to_have_url(re.compile(r"e=mistral-ai"))
    shot(page, "entity-mentions")
    page.get_by_role("tab", name="Named with").click()
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    shot(page, "entity-neighbours")
    page.get_by_role("tab", name="Mentions").click()
    page.get_by_role("link", name=re.compile(r"^Open .+ in context$")).first.click()
    expect(page).to_have_url(re.compile(r"/search\?.*\bp="))
    expect(page.get_by_text(re.compile(r"in context$")).first).to_be_visible()
    expect(page.get_by_text("Only passages naming Mistral AI")).to_be_visible()
    expect(page.get_by_text("Citation (quote, source, permalink and access date)")).to_be_visible()
    shot(page, "mention-opened")
