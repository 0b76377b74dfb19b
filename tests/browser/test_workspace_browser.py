"""A workspace that lasts, in a real browser: an upload, a note and a star survive a reload, a new
tab and a server restart; another browser cannot open them by URL or through /api/ with c=; a
published link opens read-only in a fresh browser and is refused once unpublished; the secret
workspace link opens the workspace in a fresh browser; the Notebook's Markdown export holds each
note's quote, citation and permalink. The uploaded document is fiction (an invented port
authority and company)."""

import json
import re
from contextlib import contextmanager

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, open_app
from tests.browser.streamlit_server import streamlit_server, wait_until_idle

DOCUMENT = ("Decision of the Veltmark Port Authority (fiction)\n\n"
            "The Veltmark Port Authority decided on 3 March that the Orrin Shipping merger needs no further review. "
            "The authority found that Orrin gains no material control over the northern quay.\n\n"
            "The decision notes that two smaller operators objected to the merger during the consultation.\n")
SPAN = "no material control over the northern quay"


@pytest.fixture
def workspace_env(tmp_path):
    return {"EXPLORER_COLLECTIONS_DIR": str(tmp_path / "collections")}


@contextmanager
def app(env):
    with streamlit_server(env) as (base, _process):
        yield base


def fresh(browser):
    return browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"workspace-{name}.png"), full_page=True)


def upload(page, base: str, name: str = "desk") -> None:
    open_app(page, base + "/add")
    page.get_by_role("textbox", name="Collection name").fill(name)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [{"name": "decision.txt", "mimeType": "text/plain", "buffer": DOCUMENT.encode()}])
    expect(page.get_by_text("decision.txt").first).to_be_visible()
    page.get_by_role("button", name="Add to the collection").click()
    expect(page.get_by_text(re.compile(r"^decision\.txt: added\.")).first).to_be_visible(timeout=180_000)


def open_passage(page, base: str, c: str) -> str:
    """Search the collection for the span and open the first hit; returns the page's URL."""
    open_app(page, f"{base}/search?c={c}&q=northern+quay&mode=keyword")
    page.get_by_role("button", name=re.compile(r"^Open ")).first.click()
    expect(page.locator(".passage.opened")).to_contain_text(SPAN)
    wait_until_idle(page)
    return page.url


def star_and_note(page) -> None:
    page.get_by_role("button", name="Star", exact=True).click()
    expect(page.get_by_role("button", name="Starred")).to_be_visible()
    page.get_by_role("button", name="Note").click()
    page.get_by_role("textbox", name=re.compile("^Quote")).fill(SPAN)
    page.get_by_role("textbox", name="Your note", exact=True).fill("Ask the authority what 'material control' means here.")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Saved to your Notebook.")).to_be_visible()
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Save this search").click()
    page.get_by_role("textbox", name="Name", exact=True).fill("Quay control")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved to your Notebook.").last).to_be_visible()
    page.keyboard.press("Escape")


def expect_kept(page, base: str) -> None:
    open_app(page, f"{base}/notebook?c=desk")
    expect(page.get_by_text("Ask the authority what 'material control' means here.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Starred passages \(1\)"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Saved searches \(1\)"))).to_be_visible()
    expect(page.get_by_text("Quay control")).to_be_visible()
    expect(page.get_by_text(SPAN).first).to_be_visible()


def test_a_collection_a_note_and_a_star_survive_reload_tab_and_restart_and_stay_private(browser, workspace_env):
    context = fresh(browser)
    page = context.new_page()
    with app(workspace_env) as base:
        upload(page, base)
        url = open_passage(page, base, "desk")
        star_and_note(page)
        shot(page, "passage-with-star-and-note")
        page.reload()
        wait_until_idle(page)
        expect(page.get_by_role("button", name="Starred")).to_be_visible()
        tab = context.new_page()
        expect_kept(tab, base)
        shot(tab, "notebook")
    with app(workspace_env) as base:  # a server restart: a new process, the same database and folders
        expect_kept(page, base)
        with page.expect_download() as download:
            page.get_by_role("button", name="Markdown (for a draft)").click()
        markdown = open(download.value.path(), encoding="utf-8").read()
        assert f"> {SPAN}" in markdown
        note_block = markdown.split(f"> {SPAN}", 1)[1]
        assert "Decision of the Veltmark Port Authority" in note_block.split("Note:", 1)[0]  # the citation
        assert re.search(rf"{re.escape(base)}/search\?p=[^ ]+&q=northern\+quay&c=desk", note_block)  # the permalink
        assert "Note: Ask the authority" in note_block
        assert re.search(rf"- Quay control: {re.escape(base)}/search\?q=northern\+quay[^ ]*&c=desk", markdown)

        stranger_context = fresh(browser)
        stranger = stranger_context.new_page()
        open_app(stranger, url.replace(url.split("/search")[0], base))
        expect(stranger.get_by_text(re.compile(r"Ignored c='desk'"))).to_be_visible()
        assert "two smaller operators objected" not in stranger.content()  # the document's text
        expect(stranger.locator(".passage.opened")).to_have_count(0)
        open_app(stranger, f"{base}/notebook?c=desk")
        expect(stranger.get_by_text("Ask the authority")).to_have_count(0)
        answer = stranger_context.request.get(f"{base}/api/search?c=desk&q=northern+quay&mode=keyword")
        body = answer.json()
        assert "no collection of that name" in " ".join(body["notices"])
        assert SPAN not in json.dumps(body)
        mine = context.request.get(f"{base}/api/search?c=desk&q=northern+quay&mode=keyword").json()
        assert SPAN in json.dumps(mine)  # the owner's own browser reads it through the API
        stranger_context.close()
    context.close()


def test_publish_read_only_unpublish_and_the_secret_workspace_link(browser, workspace_env):
    context = fresh(browser)
    page = context.new_page()
    with app(workspace_env) as base:
        upload(page, base)
        open_passage(page, base, "desk")
        page.get_by_role("button", name="Star", exact=True).click()
        expect(page.get_by_role("button", name="Starred")).to_be_visible()
        open_app(page, base + "/add?c=desk")
        page.get_by_role("button", name="Publish read-only").click()
        wait_until_idle(page)
        link = page.locator('[data-testid="stCode"]').filter(has_text="c=pub_").inner_text().strip()
        assert "desk" not in link
        shot(page, "published")

        reader_context = fresh(browser)
        reader = reader_context.new_page()
        open_app(reader, link)
        expect(reader.get_by_text("(published, read-only)")).to_be_visible()
        token = link.split("c=", 1)[1]
        open_passage(reader, base, token)
        expect(reader.get_by_role("button", name="Star", exact=True)).to_have_count(0)
        expect(reader.get_by_role("button", name="Note")).to_have_count(0)
        shot(reader, "published-passage")
        open_app(reader, f"{base}/add?c={token}")
        expect(reader.get_by_text(re.compile("is a published, read-only view"))).to_be_visible()
        expect(reader.locator('[data-testid="stFileUploaderDropzoneInput"]')).to_have_count(0)
        twin = reader_context.request.get(f"{base}/api/search?c={token}&q=northern+quay&mode=keyword").json()
        assert SPAN in json.dumps(twin) and not twin["notices"]

        # the owner's notebook shows in the published view only once the owner chooses so, read-only
        open_app(reader, f"{base}/notebook?c={token}")
        expect(reader.get_by_text("The owner of this published collection does not show their notebook.")).to_be_visible()
        open_app(page, base + "/add?c=desk")
        page.get_by_text("Show my notes and stars in the published view").click()
        wait_until_idle(page)
        open_app(reader, f"{base}/notebook?c={token}")
        expect(reader.get_by_text(re.compile(r"^Starred passages \(1\)"))).to_be_visible()
        expect(reader.get_by_role("button", name="Delete")).to_have_count(0)

        open_app(page, base + "/add?c=desk")
        page.get_by_role("button", name="Unpublish").click()
        wait_until_idle(page)
        open_app(reader, link)
        expect(reader.get_by_text(re.compile(r"this published link was withdrawn by its owner"))).to_be_visible()
        shot(reader, "unpublished")
        reader_context.close()

        page.get_by_role("button", name="Make a secret link").click()
        wait_until_idle(page)
        secret = page.locator('[data-testid="stCode"]').filter(has_text="workspace=").inner_text().strip()
        device_context = fresh(browser)
        device = device_context.new_page()
        open_app(device, secret)
        assert "workspace=" not in device.url  # the secret leaves the address bar
        open_app(device, base + "/add")
        expect(device.get_by_text(re.compile(r"desk · 1 documents"))).to_be_visible()
        shot(device, "secret-link-device")
        device_context.close()
    context.close()
