"""A journalist reviews the model's coverage reading in a real browser: in a collection of the
browser's own workspace (so it is still there after a reload), mark the model's evidence for one item as not
discussing it, reload, and the person's reading and the agreement have changed.

The memo is fiction written for this test: the company and its people are invented."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.streamlit_server import ROOT, streamlit_server, wait_until_idle
from tests.browser.workspace_help import add_to_workspace, browsers_workspace

MEMO = """Memo on the cloud deal

This memo is fiction, written for a test: the Harrow Cloud company and its people are invented.

The regulator wants AI to respect the rule of law, human rights and democratic values, with fairness and privacy protected for everyone.

Transparency matters too: people affected by an AI system should be able to understand and challenge its outcome.

The canteen at Harrow Cloud serves soup on Tuesdays and the car park closes at nine.
"""


@pytest.fixture
def desk(tmp_path):
    folder = tmp_path / "collections"
    with streamlit_server({"EXPLORER_COLLECTIONS_DIR": str(folder)}) as (base, _):
        yield base, folder


def test_marking_a_pair_as_not_discussed_changes_the_reading_after_a_reload(desk, page, tmp_path):
    base, folder = desk
    memo = tmp_path / "memo.txt"
    memo.write_text(MEMO, encoding="utf-8")
    _, owner = browsers_workspace(page, base, folder)
    add_to_workspace(owner, folder, "desk", [memo])
    url = base + "/principles?c=desk&ref=oecd-ai"
    page.goto(url)
    wait_until_idle(page, 300_000)
    line = page.locator("p", has_text=re.compile(r"^Item 2 · Respect for the rule of law"))
    expect(line).to_be_visible(timeout=300_000)
    expect(line).to_contain_text("model discussed")
    expect(line).to_contain_text("person's reading: nobody yet")
    expect(page.get_by_text("Items a person reviewed")).to_be_visible()

    page.get_by_role("textbox", name="Your name (kept with each decision you record)").fill("Ines Fictional")
    page.keyboard.press("Tab")
    wait_until_idle(page)
    page.get_by_text(re.compile(r"^Evidence: ¶2$")).first.click()
    page.get_by_role("button", name="Does not").first.click()
    wait_until_idle(page)
    expect(page.get_by_text(re.compile(r"^Recorded: ¶2 does not discuss Item 2"))).to_be_visible(timeout=120_000)
    page.screenshot(path=str(ROOT / ".pytest_cache" / "coverage-review-marked.png"), full_page=True)

    page.reload()
    wait_until_idle(page, 300_000)
    line = page.locator("p", has_text=re.compile(r"^Item 2 · Respect for the rule of law"))
    expect(line).to_be_visible(timeout=300_000)
    expect(line).to_contain_text("person's reading: not discussed")
    expect(line).to_contain_text("the readings differ")
    expect(page.get_by_text(re.compile(r"A person reviewed 1 of them and found 0 discussed; the two readings agree on 0"))).to_be_visible()
    page.screenshot(path=str(ROOT / ".pytest_cache" / "coverage-review-reloaded.png"), full_page=True)
