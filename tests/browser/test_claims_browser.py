"""Claims in a real browser: upload the fiction filing and article, see the planted wrong amount
flagged with its evidence, record a verdict, reload and find it kept, then publish the collection
and read the published claim permalink's link preview as a crawler does (raw HTML over urllib, no
cookie, no session)."""

import html
import re
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, open_app, upload_collection
from tests.browser.streamlit_server import ROOT, streamlit_server, wait_until_idle
from tests.browser.workspace_help import add_to_workspace, browsers_workspace

DATA = ROOT / "explorer" / "bench" / "data" / "claims"
WRONG = "Kestrel is paying €24 million for the stake"
LONG = 240_000


@pytest.fixture(scope="module")
def claims_server(tmp_path_factory):
    """A server of its own, with a collections folder (and database) of its own."""
    folder = tmp_path_factory.mktemp("claims-collections")
    with streamlit_server(env={"EXPLORER_COLLECTIONS_DIR": str(folder)}) as (base, _):
        yield base, folder


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=False)


def test_upload_see_the_wrong_figure_flagged_with_its_evidence(claims_server, page):
    base, _ = claims_server
    upload_collection(page, base, "fic", [{"name": n, "mimeType": "text/plain", "buffer": (DATA / n).read_bytes()}
                                          for n in ("filing.txt", "article.txt")], timeout=LONG)
    page.get_by_role("link", name="Claims").first.click()
    page.wait_for_url(re.compile(r"/claims\?c=fic"))
    wait_until_idle(page, timeout=LONG)
    wrong = page.get_by_test_id("stExpander").filter(has_text=WRONG)
    expect(wrong).to_contain_text("Differs", timeout=LONG)
    wrong.get_by_text(WRONG).click()
    expect(wrong).to_contain_text("says EUR 24 million")
    expect(wrong).to_contain_text("filing.txt")
    expect(wrong).to_contain_text("says EUR 42 million")
    expect(wrong).to_contain_text("for a cash consideration of EUR 42 million")  # the evidence sentence
    wrong.scroll_into_view_if_needed()
    shot(page, "claims-flagged.png")


def test_a_verdict_holds_after_a_reload_and_the_published_permalink_preview_states_it(claims_server, page):
    from explorer.workspace import publish

    base, folder = claims_server
    database, owner = browsers_workspace(page, base, folder)
    add_to_workspace(owner, folder, "pub", [DATA / "filing.txt", DATA / "article.txt"])
    page.goto(base + "/claims?c=pub")
    wait_until_idle(page, timeout=LONG)  # the first view of a collection finds its claims and evidence
    wrong = page.get_by_test_id("stExpander").filter(has_text=WRONG)
    expect(wrong).to_contain_text("Differs", timeout=LONG)
    wrong.get_by_text(WRONG).click()
    wrong.get_by_role("button", name="Review this claim").click()
    # the rerun the click starts may not have shown its status yet when the idle wait looks, so the
    # address is polled for as long as a first view may take (a cold machine recomputes the claims)
    expect(page).to_have_url(re.compile(r"claim="), timeout=LONG)
    wait_until_idle(page, timeout=LONG)
    permalink = page.url
    form = page.get_by_test_id("stForm")
    form.get_by_role("textbox", name="Your name").fill("Ana Reporter")
    box = form.get_by_role("combobox", name="Rating")
    box.click()
    page.keyboard.type("Inaccurate")
    page.keyboard.press("Enter")
    expect(box).to_have_value("Inaccurate")
    form.get_by_role("textbox", name="Note").fill("The decision says EUR 42 million.")
    form.get_by_role("button", name="Record verdict").click()
    wait_until_idle(page, timeout=LONG)
    page.reload()
    wait_until_idle(page, timeout=LONG)
    main = page.locator('[data-testid="stMainBlockContainer"]')
    expect(main).to_contain_text("1 with a verdict", timeout=LONG)
    expect(page.get_by_text("The decision says EUR 42 million.").first).to_be_visible()
    expect(main).to_contain_text("Ana Reporter, ")
    expect(main).to_contain_text("verdict: inaccurate")  # the claim's own line in the engine's reading
    shot(page, "claims-verdict.png")

    token = publish.publish(database, owner.id, "pub").token
    published = permalink.replace("c=pub", f"c={token}")
    assert published != permalink
    with urllib.request.urlopen(published, timeout=60) as response:  # a crawler: no cookie, no session
        document = response.read().decode("utf-8")
    description = html.unescape(re.search(r'<meta property="og:description" content="([^"]*)"', document).group(1))
    title = html.unescape(re.search(r'<meta property="og:title" content="([^"]*)"', document).group(1))
    assert WRONG in title
    assert "Verdict: inaccurate (Ana Reporter)" in description
    assert "EUR 42 million" in description


def test_the_bundled_storys_exports_hold_what_the_page_shows(server, page, tmp_path):
    """The CSV lists every claim shown (one row per expander), the ClaimReview JSON-LD every verdict
    counted on the page, and the first claim's differences are not repeated."""
    import csv
    import json

    open_app(page, server + "/claims")
    download = page.get_by_role("button", name="Fact-check (ClaimReview JSON-LD)")
    expect(download).to_be_visible(timeout=LONG)
    wait_until_idle(page, timeout=LONG)
    shown = page.get_by_test_id("stExpander").count()
    reviewed = int(re.search(r"(\d+) with a verdict", page.locator('[data-testid="stMainBlockContainer"]').inner_text()).group(1))
    files = {}
    for name, file in (("Claims (CSV)", "claims.csv"), ("Fact-check (ClaimReview JSON-LD)", "claimreview.json")):
        with page.expect_download() as got:
            page.get_by_role("button", name=name).click()
        got.value.save_as(tmp_path / file)
        files[file] = (tmp_path / file).read_text(encoding="utf-8")
    rows = list(csv.DictReader(files["claims.csv"].splitlines()))
    assert shown > 0 and len([r for r in rows if r["rank"]]) == shown
    assert len(json.loads(files["claimreview.json"])) == reviewed
    first = page.get_by_test_id("stExpander").first
    first.locator("summary").click()
    lines = [t for t in first.locator("li").all_inner_texts() if "the claim says" in t]
    assert lines and len(lines) == len(set(lines))
    shot(page, "claims-bundled.png")


def test_a_verdict_whose_sentence_is_gone_is_listed_not_hidden(claims_server, page):
    from dataclasses import replace

    from explorer import settings
    from explorer.analysis.claims import record_verdict
    from explorer.story.model import open_story

    base, folder = claims_server
    database, owner = browsers_workspace(page, base, folder)
    add_to_workspace(owner, folder, "gone", [DATA / "filing.txt", DATA / "article.txt"])
    collection = owner.store(folder).get("gone")
    story = open_story(replace(settings.load(), collections_dir=folder), collection, database)
    article = next(e.id for e in collection.documents if e.source_name == "article.txt")
    record_verdict(story, f"{article}:1.99", "unsupported", "Checked before the article was corrected.", [],
                   "Ana Reporter", "Kestrel paid €99 million for the stake.")
    page.goto(base + "/claims?c=gone")
    wait_until_idle(page, timeout=LONG)
    main = page.locator('[data-testid="stMainBlockContainer"]')
    expect(main).to_contain_text("Reviewed claims not matched to a sentence", timeout=LONG)
    expect(main).to_contain_text("Kestrel paid €99 million for the stake.")
    expect(main).to_contain_text("Checked before the article was corrected.")
    page.get_by_text("Reviewed claims not matched to a sentence").scroll_into_view_if_needed()
    shot(page, "claims-unmatched.png")
