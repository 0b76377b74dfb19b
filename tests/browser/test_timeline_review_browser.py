"""Reviewing extracted events in a real browser, on a journalist's own collection: the invented
regulator's decision (explorer/bench/data/fiction, fiction written for the tests) uploaded as a
PDF with the news article; confirm one extracted event and reject another on the timeline; the
decisions hold when the reader comes back through the pages, and after a reload."""

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import upload_collection
from tests.browser.streamlit_server import streamlit_server, wait_until_idle

ROOT = Path(__file__).resolve().parents[2]
FICTION = ROOT / "explorer" / "bench" / "data" / "fiction"
NAME_BOX = "Your name (recorded with each decision)"
COUNTS = re.compile(r"\d+ events extracted, \d+ confirmed")


def decision_pdf() -> bytes:
    """The fiction decision as a PDF, one page per form-feed page (fpdf2, as tests/fixtures.py)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for page in (FICTION / "decision.txt").read_text(encoding="utf-8").split("\f"):
        if page.strip():
            pdf.add_page()
            text = page.strip().replace("€", "EUR ").replace("’", "'").replace("“", '"').replace("”", '"')
            pdf.multi_cell(0, 6, text.encode("latin-1", "replace").decode("latin-1"))
    return bytes(pdf.output())


def choose_event(page, nth: int) -> str:
    box = page.get_by_role("combobox", name="Event", exact=True)
    for _ in range(5):  # a click while the page is still drawing its charts may not open the list
        box.click()
        page.wait_for_timeout(700)
        if page.get_by_role("option").count() > nth:
            break
        page.keyboard.press("Escape")
        wait_until_idle(page)
    option = page.get_by_role("option").nth(nth)
    label = option.inner_text()
    option.click()
    wait_until_idle(page)
    return label


def review_two(page) -> tuple[str, str]:
    """Confirm the first extracted event of the picker, reject the second; their labels."""
    expect(page.get_by_text(COUNTS)).to_be_visible(timeout=120_000)
    confirmed = choose_event(page, 1)
    # As a reader does it: type the name, then click at once (the click, not a wait, ends the typing).
    # The name then reaches the app in the click's own run, after the buttons were drawn.
    page.get_by_role("textbox", name=NAME_BOX).fill("Maja Thorsen")
    page.get_by_role("button", name="Confirm this event").click()
    wait_until_idle(page)
    expect(page.get_by_text("Decision in force: confirm by Maja Thorsen")).to_be_visible()
    rejected = choose_event(page, 2)
    page.get_by_role("button", name="Reject this event").click()
    wait_until_idle(page)
    return confirmed, rejected


def assert_decisions_hold(page, shots: Path, name: str) -> None:
    expect(page.get_by_text(re.compile(r"\d+ events extracted, 1 confirmed, 1 rejected"))).to_be_visible(timeout=120_000)
    page.get_by_text("1 rejected event").click()
    expect(page.get_by_text("(rejected by Maja Thorsen)")).to_be_visible()
    page.screenshot(path=str(shots / name), full_page=True)


def test_confirm_and_reject_extracted_events_and_the_decisions_hold(browser, tmp_path):
    shots = ROOT / "test-artifacts"
    shots.mkdir(exist_ok=True)
    collections = tmp_path / "collections"
    env = {"EXPLORER_COLLECTIONS_DIR": str(collections)}
    files = [{"name": "decision.pdf", "mimeType": "application/pdf", "buffer": decision_pdf()},
             {"name": "article.md", "mimeType": "text/markdown", "buffer": (FICTION / "article.md").read_bytes()}]
    with streamlit_server(env) as (base, _):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(120_000)
        # Uploaded in the browser: private to this session, so the reader comes back through the pages.
        upload_collection(page, base, "halvard", files)
        page.get_by_role("link", name="Timeline").first.click()
        page.wait_for_url(re.compile(r"/timeline\?c=halvard"))
        wait_until_idle(page)
        expect(page.get_by_text("extracted").first).to_be_visible()
        review_two(page)
        page.get_by_role("link", name="Search").first.click()
        wait_until_idle(page)
        page.get_by_role("link", name="Timeline").first.click()
        wait_until_idle(page)
        assert "c=halvard" in page.url
        assert_decisions_hold(page, shots, "timeline-review-uploaded.png")

        # The workspace keeps the collection and its reviewed layer: a reload shows the same decisions.
        page.reload()
        wait_until_idle(page)
        assert_decisions_hold(page, shots, "timeline-review-reloaded.png")
        context.close()
