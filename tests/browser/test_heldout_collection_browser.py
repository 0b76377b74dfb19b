"""The held-out fiction (explorer/bench/data/heldout: an invented regulator's letter, company
statement and article) uploaded in a real browser: its entities list merges name variants
("T. Brandt" with "Tomas Brandt") and keeps the two Brandts apart, an entity's mentions include
one from a heading, and its timeline shows the extracted events."""

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import upload_collection
from tests.browser.streamlit_server import EXCEPTION, streamlit_server, wait_until_idle

ROOT = Path(__file__).resolve().parents[2]
HELD_OUT = ROOT / "explorer" / "bench" / "data" / "heldout"
SHOTS = ROOT / "test-artifacts"
TYPES = {"letter.txt": "text/plain", "statement.html": "text/html", "article.md": "text/markdown"}


def test_an_uploaded_collections_entities_and_timeline(browser, tmp_path):
    SHOTS.mkdir(exist_ok=True)
    files = [{"name": name, "mimeType": kind, "buffer": (HELD_OUT / name).read_bytes()} for name, kind in TYPES.items()]
    with streamlit_server({"EXPLORER_COLLECTIONS_DIR": str(tmp_path / "collections")}) as (base, _):
        context = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(120_000)
        upload_collection(page, base, "corvane", files)

        page.get_by_role("link", name="Entities").first.click()
        page.wait_for_url(re.compile(r"/entities\?c=corvane"))
        wait_until_idle(page, timeout=300_000)
        expect(page.get_by_role("button", name=re.compile(r"^Tomas Brandt \(\d+\)$"))).to_be_visible()
        expect(page.get_by_role("button", name=re.compile(r"^Elin Brandt \(\d+\)$"))).to_be_visible()
        page.get_by_role("button", name=re.compile(r"^Tomas Brandt \(\d+\)$")).scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / "heldout-entities.png"))
        page.get_by_role("button", name=re.compile(r"^Lysa Therapeutics AB \(\d+\)$")).click()
        wait_until_idle(page)
        expect(page.get_by_role("heading", name="Lysa Therapeutics AB", exact=True)).to_be_visible()
        heading = page.locator(".ent-head mark").first  # a mention in a heading
        heading.scroll_into_view_if_needed()
        expect(heading).to_be_visible()
        page.screenshot(path=str(SHOTS / "heldout-entity.png"))

        page.get_by_role("link", name="Timeline").first.click()
        page.wait_for_url(re.compile(r"/timeline\?c=corvane"))
        wait_until_idle(page, timeout=300_000)
        expect(page.get_by_text(re.compile(r"\d+ events extracted")).first).to_be_visible()
        chart = page.get_by_text("Events by type").first
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(1500)
        page.screenshot(path=str(SHOTS / "heldout-timeline.png"))
        assert page.locator(EXCEPTION).count() == 0
        context.close()
