"""Reading a document whole, in a real browser: a search hit's paragraph number is a link; opening
it shows the whole document with that paragraph marked and scrolled into view, its citation naming
the same paragraph link, and the other paragraphs' numbers linking to themselves."""

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_app
from tests.browser.streamlit_server import wait_until_idle

pytestmark = pytest.mark.browser


def in_viewport(page, locator) -> bool:
    return locator.evaluate("""(el) => { const r = el.getBoundingClientRect();
                                          return r.top >= 0 && r.top < window.innerHeight; }""")


def test_a_paragraph_link_from_a_search_hit_opens_the_whole_document_at_that_paragraph(server, page):
    open_app(page, f"{server}/search?q=multilingual&mode=keyword&kind=article&k=5")
    links = page.locator(".hit.result .hit-head a.loc")
    expect(links.first).to_be_visible()
    last = links.last  # the hit furthest down the list: its paragraph is deep in the document
    href, locator = last.get_attribute("href"), last.inner_text()
    wanted = parse_qs(urlsplit(href).query)["p"][0]
    assert urlsplit(href).path == "/read"
    last.click()
    page.wait_for_url("**/read?p=*")
    wait_until_idle(page)

    marked = page.locator(".reader .para.marked")
    expect(marked).to_have_count(1)
    assert marked.get_attribute("data-passage") == wanted
    expect(marked.locator("a.loc")).to_have_text(locator)
    page.wait_for_function("() => { const el = document.querySelector('.reader .para.marked');"
                           " const r = el && el.getBoundingClientRect(); return r && r.top >= 0 && r.top < innerHeight; }")
    assert in_viewport(page, marked)
    expect(page.get_by_text(f"Permalink: {href}", exact=False)).to_be_visible()
    # The whole document is there, each paragraph's number a link to itself.
    paragraphs = page.locator(".reader .para")
    assert paragraphs.count() > 5
    first = paragraphs.first
    assert first.locator("a.loc").get_attribute("href").endswith("/read?p=" + first.get_attribute("data-passage"))


def test_a_shared_paragraph_link_opens_in_a_fresh_browser_at_that_paragraph(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 700})
    page = context.new_page()
    try:
        page.goto(f"{server}/read?p=article:14")
        wait_until_idle(page)
        marked = page.locator(".reader .para.marked")
        expect(marked).to_have_attribute("data-passage", "article:14")
        page.wait_for_function("() => { const el = document.querySelector('.reader .para.marked');"
                               " const r = el && el.getBoundingClientRect(); return r && r.top >= 0 && r.top < innerHeight; }")
    finally:
        context.close()


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    """A server with a collections folder (and database) of its own, for an uploaded document."""
    from tests.browser.streamlit_server import streamlit_server

    folder = tmp_path_factory.mktemp("read-collections")
    with streamlit_server(env={"EXPLORER_COLLECTIONS_DIR": str(folder)}) as (base, _):
        yield base, folder


def test_an_uploaded_document_reads_whole_and_its_paragraph_is_cited_verbatim(own_server, page):
    from tests.browser.streamlit_server import ROOT
    from tests.browser.workspace_help import add_to_workspace, browsers_workspace

    base, folder = own_server
    data = ROOT / "explorer" / "bench" / "data" / "claims"  # fiction: invented companies and people
    _, owner = browsers_workspace(page, base, folder)
    add_to_workspace(owner, folder, "desk", [data / "filing.txt", data / "article.txt"])
    open_app(page, f"{base}/search?c=desk&q=Kestrel&mode=keyword")
    link = page.locator(".hit.result .hit-head a.loc").last
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    assert "c=desk" in href
    link.click()
    page.wait_for_url("**/read?p=*")
    wait_until_idle(page)
    marked = page.locator(".reader .para.marked")
    expect(marked).to_have_count(1)
    text = marked.locator(".text").inner_text()
    cited = page.locator('[data-testid="stCode"]').first.inner_text()
    assert cited.startswith("“") and " ".join(text.split())[:60] in " ".join(cited.split())
    assert "paraphrase" not in cited
    assert page.locator(".reader .para").count() >= 2
