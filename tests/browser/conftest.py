"""Real-browser fixtures: Debian's chromium driven by Playwright against a live server.

In CI (CI=true) a missing browser is a failure, never a skip.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.streamlit_server import streamlit_server, wait_until_idle

# The first search loads the model: on a loaded 2-core machine that can take longer than
# Playwright's 5 s default, so expectations retry for up to a minute.
expect.set_options(timeout=60_000)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    return next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium") if p and Path(p).exists()), None)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path:
        message = "Debian's chromium is not installed (make test installs it: apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def server():
    """One live app for the browser tests that don't need a fresh process."""
    with streamlit_server() as (base, process):
        yield base


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def pytest_collection_modifyitems(items):
    """Every test here is a browser test: `pytest -m "not browser"` runs the fast suite alone."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)


def open_app(page, url: str) -> None:
    page.goto(url)
    wait_until_idle(page)


def upload_collection(page, base: str, name: str, files: list[dict], timeout: int = 300_000) -> None:
    """Upload files on /add into a new collection of this browser's workspace, wait until the last
    one is added, and enter the collection by the Add page's own link (a private collection is
    reached through the pages, not by typing its name): the page ends on its search."""
    open_app(page, base + "/add")
    page.get_by_role("textbox", name="Collection name").fill(name)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(files)
    last = files[-1]["name"]
    expect(page.get_by_text(last).first).to_be_visible()
    page.get_by_role("button", name="Add to the collection").click()
    expect(page.get_by_text(re.compile(rf"^{re.escape(last)}: added\.")).first).to_be_visible(timeout=timeout)
    page.get_by_role("link", name=f"Search “{name}”").click()
    page.wait_for_url(re.compile(rf"/search\?c={re.escape(name)}"))
    wait_until_idle(page)
