"""Real browser on /search: deep links, typing, opening, more like this, escaping, CSV download.

Pinned to the bundled story's ids (article:8): the test index every run builds holds the bundled
story, and these tests need a passage or event known to be in it; what they check does not depend on
which one.
"""

import csv
import io
import re
from urllib.parse import quote_plus

from playwright.sync_api import expect

from tests.browser.conftest import open_app
from tests.browser.streamlit_server import wait_until_idle

TITLE = "Search the sources"


def open_search(page, server, query: str = "") -> None:
    open_app(page, server + "/search" + (f"?{query}" if query else ""))
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible(timeout=120_000)
    wait_until_idle(page, 120_000)


def result_buttons(page):
    return page.locator('[class*="st-key-open-"] button')


def test_deep_link_shows_the_opened_passage_highlighted(server, page):
    open_search(page, server, "q=" + quote_plus("€15 million") + "&p=article:8")
    opened = page.locator('.passage.opened[data-passage="article:8"]')
    expect(opened).to_be_visible(timeout=120_000)
    expect(opened.locator("mark").first).to_be_visible()
    expect(opened).to_contain_text("Microsoft pledged €15 million")
    expect(page.frame_locator("iframe").first.get_by_role("button", name="Copy citation")).to_be_visible()


def test_typing_a_query_puts_it_in_the_url(server, page):
    open_search(page, server)
    box = page.get_by_role("textbox", name="Search", exact=True)
    box.fill("egress fees")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q=egress(\+|%20)fees"), timeout=60_000)
    expect(result_buttons(page).first).to_be_visible(timeout=120_000)


def test_open_a_result_then_more_like_this(server, page):
    open_search(page, server, "q=egress&mode=keyword&kind=principle")
    result_buttons(page).first.click()
    expect(page).to_have_url(re.compile(r"[?&]p=principles(:|%3A)7"))
    expect(page.get_by_role("heading", name="More like this")).to_be_visible()
    similar = page.locator('[class*="st-key-similar-"] button')
    expect(similar).to_have_count(5)
    label = similar.first.inner_text()
    similar.first.click()
    expect(page).not_to_have_url(re.compile(r"[?&]p=principles(:|%3A)7(&|$)"))
    expect(page.get_by_role("heading", name=re.compile(re.escape(label.removeprefix("Open ").strip()) + " in context"))).to_be_visible()


def test_html_query_shows_as_text_and_runs_nothing(server, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    payload = "<img src=x onerror=alert(1)>"
    open_search(page, server, "q=" + quote_plus(payload))
    expect(page.get_by_role("textbox", name="Search", exact=True)).to_have_value(payload)
    wait_until_idle(page, 120_000)
    assert page.locator('img[src="x"]').count() == 0
    assert dialogs == []


def test_csv_download_holds_the_rows_shown(server, page, tmp_path):
    open_search(page, server, "q=" + quote_plus("egress fees cloud switching") + "&k=4&mode=keyword")
    expect(result_buttons(page)).to_have_count(4, timeout=120_000)
    shown = page.locator(".hit.result").evaluate_all("hs => hs.map(h => h.dataset.passage)")
    with page.expect_download() as info:
        page.get_by_role("button", name=re.compile("CSV")).click()
    download = info.value
    assert download.suggested_filename == "search-egress-fees-cloud-switching.csv"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == result_buttons(page).count() == 4
    assert {"id", "score", "locator", "text", "source_url", "query", "mode", "citation", "permalink"} <= set(rows[0])
    assert [r["id"] for r in rows] == shown  # the same rows, in the order shown
    assert all(r["permalink"].startswith("http") and f"p={r['id']}" in r["permalink"] for r in rows)
