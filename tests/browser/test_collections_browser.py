"""Your own documents in a real browser: upload, watch the progress, search page 2 of a PDF,
keep the collection across pages with c=, and keep it private to the browser's workspace."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import open_app
from tests.browser.streamlit_server import wait_until_idle
from tests.fixtures import two_page_pdf

PHRASE = "no material influence over the startup"


def pdf_bytes() -> bytes:
    return two_page_pdf("Decision of the regulator\n\nThe first page sets out the background of the case.",
                        f"On the second page the regulator finds {PHRASE}.")


def docx_bytes(tmp_path) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Ministry statement", level=1)
    document.add_paragraph("The finance ministry says it was not told about the agreement in advance.")
    path = tmp_path / "statement.docx"
    document.save(path)
    return path.read_bytes()


HTML = b"""<html><head><title>Press release: cloud egress</title>
<link rel="canonical" href="https://example.org/press/egress"></head>
<body><nav>Home | Products | Careers</nav><div class="cookie-banner">We use cookies. Accept all?</div>
<article><h1>Press release: cloud egress</h1><p>Customers who leave the cloud will no longer pay data egress fees,
the company said on Wednesday, in a change that follows pressure from regulators in Europe.</p>
<p>The waiver applies to customers who move all of their data to another provider.</p></article>
<footer>Copyright</footer></body></html>"""


def upload(page, tmp_path, name="desk"):
    box = page.get_by_role("textbox", name="Collection name")
    box.fill(name)
    files = [
        {"name": "decision.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()},
        {"name": "statement.docx", "mimeType": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "buffer": docx_bytes(tmp_path)},
        {"name": "release.html", "mimeType": "text/html", "buffer": HTML},
    ]
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files)
    expect(page.get_by_text("release.html").first).to_be_visible()
    page.evaluate(WATCH_PROGRESS)
    page.get_by_role("button", name="Add to the collection").click()


# Records every progress text the page shows, however briefly.
WATCH_PROGRESS = """() => {
  window.__progress = [];
  new MutationObserver(() => {
    for (const bar of document.querySelectorAll('[data-testid="stProgress"]')) {
      const text = bar.innerText.trim();
      if (text && window.__progress[window.__progress.length - 1] !== text) window.__progress.push(text);
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def test_upload_three_files_search_page_two_and_keep_it_private(server, page, browser, tmp_path):
    open_app(page, server + "/add")
    upload(page, tmp_path)
    for name in ("decision.pdf", "statement.docx", "release.html"):
        expect(page.get_by_text(re.compile(rf"^{re.escape(name)}: added\.")).first).to_be_visible(timeout=180_000)
    seen = page.evaluate("window.__progress")
    steps = [t for t in seen if t.startswith("Embedding:")]
    assert steps, seen  # passages done of the total, the rate and the time left
    assert re.search(r"Embedding: [\d,]+ of [\d,]+ texts · [\d,.]+/s · (about [\d,]+ s left|estimating)", steps[-1])

    page.get_by_role("link", name="Search “desk”").click()
    page.wait_for_url(re.compile(r"/search\?c=desk"))
    wait_until_idle(page)
    box = page.get_by_role("textbox", name="Search", exact=True)
    box.fill(PHRASE)
    box.press("Enter")
    first = page.locator(".hit.result").first
    expect(first).to_contain_text("p. 2 ¶", timeout=120_000)
    expect(first).to_contain_text("material influence")
    page.get_by_role("button", name=re.compile(r"^Open p\. 2 ")).first.click()
    expect(page).to_have_url(re.compile(r"c=desk"))
    expect(page.locator(".passage.opened")).to_contain_text(PHRASE)
    url = page.url

    # the same session keeps the collection from page to page (the navigation carries c=)
    page.get_by_role("link", name="Home", exact=True).click()
    page.wait_for_url(re.compile(r"/\?c=desk$"))
    wait_until_idle(page)
    expect(page.get_by_role("heading", name="desk")).to_be_visible()
    page.get_by_role("link", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/search\?c=desk$"))
    wait_until_idle(page)
    expect(page.get_by_text("Collection: desk")).to_be_visible()

    # another browser (a second context) cannot open it, even with its link
    other = browser.new_context()
    stranger = other.new_page()
    open_app(stranger, url)
    expect(stranger.get_by_text(re.compile(r"Ignored c='desk'"))).to_be_visible()
    expect(stranger.locator(".passage.opened")).to_have_count(0)
    assert "On the second page the regulator finds" not in stranger.content()  # the document's text (the query is in the URL)
    other.close()


def test_a_bad_file_gets_its_own_message(server, page):
    open_app(page, server + "/add")
    page.get_by_role("textbox", name="Collection name").fill("broken")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [{"name": "scan.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\nnot a real pdf\n%%EOF"}])
    page.get_by_role("button", name="Add to the collection").click()
    expect(page.get_by_text(re.compile(r"^scan\.pdf: failed\.")).first).to_be_visible(timeout=120_000)
