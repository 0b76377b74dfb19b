"""Every control that changes the view changes the URL: change the view through each control,
reopen the URL in a fresh browser context, and the visible state is the same."""

import csv
import io
import re

from playwright.sync_api import expect

from tests.browser.conftest import open_app
from tests.browser.streamlit_server import wait_until_idle

PLOT_TITLE = ".js-plotly-plot .gtitle"


def reopen(browser, url: str):
    """The same URL in a new context: no session state, no cookies, only the link."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    open_app(page, url)
    return context, page


def settle(page, pattern: str) -> None:
    page.wait_for_url(re.compile(pattern))
    wait_until_idle(page)


# --- timeline -------------------------------------------------------------------------------

def timeline_state(page) -> dict:
    """What a reader sees: the count line, the date fields, the chosen types, the chart titles."""
    expect(page.locator(PLOT_TITLE).first).to_be_visible(timeout=60_000)
    return {
        "count": page.get_by_text(re.compile(r"^Showing \d+ of \d+ events")).inner_text(),
        "from": page.get_by_role("textbox", name="From (YYYY-MM-DD)").input_value(),
        "to": page.get_by_role("textbox", name="To (YYYY-MM-DD)").input_value(),
        "types": page.locator('[data-testid="stMultiSelect"]').filter(has_text="Event types").inner_text(),
        "status": page.locator('[data-testid="stMultiSelect"]').filter(has_text="Review status").inner_text(),
        "titles": page.locator(PLOT_TITLE).evaluate_all("ts => ts.map(t => t.textContent)"),
    }


def events_csv_ids(page) -> list[str]:
    with page.expect_download() as download:
        page.get_by_role("button", name="Download events CSV").click()
    rows = csv.DictReader(io.StringIO(open(download.value.path(), encoding="utf-8").read()))
    return [r["id"] for r in rows]


def test_timeline_period_button_filters_and_the_link_reproduces_it(server, page, browser):
    open_app(page, server + "/timeline")
    whole = timeline_state(page)
    page.get_by_text("Dec 2023 - Jun 2024", exact=True).click()
    settle(page, r"from=2023-12-01.*to=2024-06-30")
    expect(page.locator(PLOT_TITLE).first).to_contain_text("2023-12-01 to 2024-06-30")
    shown = timeline_state(page)
    assert shown["count"] != whole["count"] and "2023-12-01 to 2024-06-30" in shown["count"]
    assert all("2019-2025" not in t for t in shown["titles"])
    count = int(re.match(r"Showing (\d+)", shown["count"]).group(1))
    assert len(events_csv_ids(page)) == count  # the CSV holds exactly what is shown

    context, again = reopen(browser, page.url)
    assert timeline_state(again) == shown
    context.close()


def test_timeline_typed_dates_apply_on_enter_even_typed_back_to_back(server, page, browser):
    open_app(page, server + "/timeline")
    start, end = page.get_by_role("textbox", name="From (YYYY-MM-DD)"), page.get_by_role("textbox", name="To (YYYY-MM-DD)")
    start.fill("2024-02-01")
    start.press("Enter")
    end.fill("2024-05-31")  # typed at once, while the first date is still being applied
    end.press("Enter")
    settle(page, r"from=2024-02-01.*to=2024-05-31")
    expect(page.locator(PLOT_TITLE).first).to_contain_text("2024-02-01 to 2024-05-31")
    shown = timeline_state(page)
    assert (shown["from"], shown["to"]) == ("2024-02-01", "2024-05-31")
    assert "2024-02-01 to 2024-05-31" in shown["count"]

    page.get_by_role("combobox", name="Event types").click()
    page.get_by_role("option", name="investment", exact=True).click()
    page.keyboard.press("Escape")
    settle(page, r"type=investment")
    page.get_by_text("USD where a source reported it").click()
    settle(page, r"currency=usd")
    shown = timeline_state(page)
    assert "investment" in shown["types"] and "regulatory" not in shown["types"]

    context, again = reopen(browser, page.url)
    assert timeline_state(again) == shown
    expect(again.get_by_role("radio", name="USD where a source reported it")).to_be_checked()
    context.close()


def test_timeline_bad_typed_date_says_why_and_keeps_the_view(server, page):
    open_app(page, server + "/timeline?from=2024-01-01")
    start = page.get_by_role("textbox", name="From (YYYY-MM-DD)")
    start.fill("2024-13-45")
    start.press("Enter")
    expect(page.get_by_text(re.compile(r"Ignored from='2024-13-45'"))).to_be_visible()
    assert "from=2024-01-01" in page.url
    expect(start).to_have_value("2024-01-01")


# --- search ---------------------------------------------------------------------------------

def search_state(page) -> dict:
    expect(page.locator(".hit.result").first).to_be_visible(timeout=120_000)
    # the widgets are drawn before the hits: wait until the query box shows a value (or fail after a minute)
    expect(page.get_by_role("textbox", name="Search", exact=True)).not_to_have_value("")
    return {
        "q": page.get_by_role("textbox", name="Search", exact=True).input_value(),
        "k": page.get_by_role("spinbutton", name="Show").input_value(),
        "mode": page.locator('[data-testid="stRadio"] input:checked').first.evaluate("e => e.value"),
        "hits": page.locator(".hit.result").evaluate_all("hs => hs.map(h => h.dataset.passage)"),
        "opened": page.locator(".passage.opened").evaluate_all("ps => ps.map(p => p.dataset.passage)"),
    }


def test_search_controls_write_the_url_and_the_link_reproduces_the_view(server, page, browser):
    open_app(page, server + "/search")
    box = page.get_by_role("textbox", name="Search", exact=True)
    box.fill("egress fees")
    box.press("Enter")
    settle(page, r"q=egress")
    page.get_by_test_id("stRadioGroup").get_by_text("Keyword", exact=True).click()
    settle(page, r"mode=keyword")
    show = page.get_by_role("spinbutton", name="Show")
    show.fill("3")
    show.press("Enter")
    settle(page, r"k=3")
    first = page.locator(".hit.result").first.get_attribute("data-passage")
    page.get_by_role("button", name=re.compile(r"^Open ")).first.click()
    settle(page, r"p=")
    shown = search_state(page)
    assert shown["q"] == "egress fees" and shown["k"] == "3" and len(shown["hits"]) <= 3
    assert shown["opened"] == [first]

    context, again = reopen(browser, page.url)
    assert search_state(again) == shown
    context.close()


# --- principles -----------------------------------------------------------------------------

def selected(page, label: str) -> str:
    """The value a selectbox shows."""
    return page.get_by_role("combobox", name=label, exact=True).input_value()


def principles_state(page) -> dict:
    expect(page.get_by_role("heading", name="Principles").first).to_be_visible(timeout=120_000)
    return {
        "view": page.locator('[data-testid="stRadio"] input:checked').first.evaluate("e => e.value"),
        "principle": selected(page, "Principle"),
        "headings": page.get_by_role("heading").all_inner_texts(),
    }


def test_principles_controls_write_the_url_and_the_link_reproduces_the_view(server, page, browser):
    open_app(page, server + "/principles")
    page.get_by_test_id("stRadioGroup").get_by_text("Matrix", exact=True).click()
    settle(page, r"view=matrix")
    box = page.get_by_role("combobox", name="Principle")
    box.click()
    page.get_by_role("option", name=re.compile(r"^P7 ")).click()
    settle(page, r"principle=7")
    expect(page.get_by_role("heading", name=re.compile(r"^Principle 7"))).to_be_visible()
    shown = principles_state(page)
    assert "P7" in shown["principle"]

    context, again = reopen(browser, page.url)
    expect(again.get_by_role("heading", name=re.compile(r"^Principle 7"))).to_be_visible()
    assert principles_state(again) == shown
    context.close()

    page.get_by_test_id("stRadioGroup").get_by_text("Other frameworks", exact=True).click()
    settle(page, r"view=frameworks")
    frameworks = page.get_by_role("combobox", name="Framework")
    frameworks.click()
    page.get_by_role("option", name=re.compile("OECD")).first.click()
    settle(page, r"framework=oecd")
    context, again = reopen(browser, page.url)
    expect(again.get_by_role("combobox", name="Framework")).to_be_visible()
    assert "OECD" in selected(again, "Framework")
    context.close()
