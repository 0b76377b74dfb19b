"""The timeline page in a real browser: charts, deep links, evidence, and no torch until asked.

Pinned to the bundled story's ids (event msft-mistral-investment): the test index every run builds
holds the bundled story, and these tests need a passage or event known to be in it; what they check
does not depend on which one.
"""

import csv
import io
from datetime import date

from playwright.sync_api import expect

from explorer import settings
from explorer.story import timeline as tl
from tests.browser.conftest import open_app
from tests.browser.streamlit_server import has_imported_torch, streamlit_server, wait_until_idle

PLOT = ".js-plotly-plot"
INVESTMENT = "msft-mistral-investment"
EVIDENCE_LINK = 'a[href*="/search?p="]'


def test_timeline_renders_its_charts(server, page):
    open_app(page, server + "/timeline")
    expect(page.locator(PLOT).first).to_be_visible(timeout=60_000)
    expect(page.locator(PLOT)).to_have_count(3)
    for i in range(3):
        expect(page.locator(PLOT).nth(i)).to_be_visible()
    expect(page.get_by_text("Source:").first).to_be_visible()


def test_deep_link_with_filters_reproduces_the_filtered_table(server, page):
    open_app(page, server + "/timeline?from=2024-02-01&to=2024-03-31&type=investment,regulatory")
    expected = tl.filter_events(tl.load_timeline(settings.load().timeline_path), date(2024, 2, 1), date(2024, 3, 31), ("investment", "regulatory"))
    expect(page.get_by_text(f"Showing {len(expected)} of")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(f"Table view: the {len(expected)} rows behind this chart")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download events CSV").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read())))
    assert download.value.suggested_filename == "timeline-events.csv"
    assert [r["id"] for r in rows] == list(expected["id"])


def test_choosing_an_event_shows_evidence_passages(server, page):
    open_app(page, server + "/timeline")
    expect(page.locator(PLOT).first).to_be_visible(timeout=60_000)
    box = page.get_by_role("combobox", name="Event", exact=True)
    box.click()
    box.fill("invests EUR 15M")
    page.get_by_role("option", name="Microsoft invests EUR 15M in Mistral AI").click()
    expect(page.get_by_text("Related passages in the corpus")).to_be_visible(timeout=120_000)
    expect(page.locator(EVIDENCE_LINK).first).to_be_visible(timeout=120_000)
    assert f"event={INVESTMENT}" in page.url


def test_event_deep_link_shows_sources_note_and_passages(server, page):
    open_app(page, server + f"/timeline?event={INVESTMENT}")
    expect(page.locator(EVIDENCE_LINK).first).to_be_visible(timeout=120_000)
    count = page.locator(EVIDENCE_LINK).count()
    assert 1 <= count <= 5
    expect(page.get_by_text("UNCONFIRMED").first).to_be_visible()
    expect(page.locator('a[href="https://ttm.financial/m/news/2414824790"]')).to_be_visible()


def test_fresh_server_serving_only_the_timeline_has_not_imported_torch(page):
    with streamlit_server() as (base, process):
        page.goto(base + "/timeline")
        expect(page.locator(PLOT).first).to_be_visible(timeout=60_000)
        wait_until_idle(page)
        expect(page.locator(PLOT)).to_have_count(3)
        assert not has_imported_torch(process)


def test_clicking_a_point_opens_its_evidence(server, page):
    open_app(page, server + "/timeline")
    funding = page.locator(PLOT).nth(1)
    expect(funding).to_be_visible(timeout=60_000)
    funding.scroll_into_view_if_needed()
    star = funding.locator("path.point").last  # the last trace drawn is Microsoft's investment
    star.click(force=True)
    expect(page).to_have_url(f"{server}/timeline?event={INVESTMENT}", timeout=60_000)
    expect(page.locator(EVIDENCE_LINK).first).to_be_visible(timeout=120_000)
