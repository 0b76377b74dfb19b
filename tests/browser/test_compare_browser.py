"""Compare a document in a real browser: upload a memo to a private collection, open the
principles page in it through the app's own links, compare the memo with the OECD AI Principles,
see a verdict for each OECD item, download the table; and a compare link reproduces its view."""

import csv
import io
import re

from playwright.sync_api import expect

from tests.browser.conftest import open_app
from tests.browser.streamlit_server import wait_until_idle

TITLE = "Memo on the cloud deal"
MEMO = f"""{TITLE}

The regulator wants AI to respect the rule of law, human rights and democratic values, with fairness and privacy protected for everyone.

Transparency matters too: people affected by an AI system should be able to understand and challenge its outcome.

The desk agreed on three questions for the company:
1. Will the company lower the fees customers pay to move their data to another cloud?
2. Will rival developers' apps be treated like the company's own apps in its store?
3. Will the datacenters running these models be protected against cyberattacks?
""".encode()


def settle(page, pattern: str) -> None:
    page.wait_for_url(re.compile(pattern))
    wait_until_idle(page, 300_000)  # the first comparison in a process embeds the items' facets


def choose(page, box: str, option) -> None:
    page.get_by_role("combobox", name=box, exact=True).click()
    page.get_by_role("option", name=option).first.click()


def test_compare_an_uploaded_memo_with_the_oecd_principles(server, page, browser):
    open_app(page, server + "/add")
    page.get_by_role("textbox", name="Collection name").fill("memo-desk")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        [{"name": "memo.txt", "mimeType": "text/plain", "buffer": MEMO}])
    expect(page.get_by_text("memo.txt").first).to_be_visible()
    page.get_by_role("button", name="Add to the collection").click()
    expect(page.get_by_text(re.compile(r"^memo\.txt: added\.")).first).to_be_visible(timeout=180_000)

    # into the collection by the Add page's link; the top navigation keeps it: on the principles
    # page, a collection gets the comparison view
    page.get_by_role("link", name="Search “memo-desk”").click()
    settle(page, r"/search\?c=memo-desk")
    page.get_by_role("link", name="Principles").first.click()
    settle(page, r"/principles\?c=memo-desk")
    expect(page.get_by_role("combobox", name="Document under study", exact=True)).to_be_visible(timeout=300_000)
    choose(page, "Document under study", TITLE)
    expect(page.get_by_role("combobox", name="Document under study", exact=True)).to_have_value(TITLE)

    # the memo's numbered questions (one paragraph once added) are on offer as a reference set of its own
    box = page.get_by_role("combobox", name="Reference list", exact=True)
    box.click()
    box.fill("from this collection")
    expect(page.get_by_role("option", name=re.compile(r"3 items, from this collection"))).to_be_visible()
    box.fill("OECD")
    page.get_by_role("option", name=re.compile(r"^OECD AI Principles")).first.click()
    settle(page, r"ref=oecd-ai")
    assert "c=memo-desk" in page.url
    expect(page.locator("p", has_text=re.compile(r"^Item 10 · International co-operation: "))).to_be_visible(
        timeout=300_000)
    for n in range(1, 11):
        line = page.locator("p", has_text=re.compile(rf"^Item {n} · .*: model (discussed|not discussed|borderline)"))
        expect(line.first).to_be_visible()
    expect(page.get_by_text("person's reading: nobody yet").first).to_be_visible()
    # the rule-of-law item is the memo's first paragraph almost word for word
    expect(page.locator("p", has_text=re.compile(r"^Item 2 · Respect for the rule of law.*model discussed"))).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the table (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert [r["item"] for r in rows] == [f"Item {n}" for n in range(1, 11)]
    assert {r["model"] for r in rows} <= {"discussed", "not discussed", "borderline"}

    # a private collection lives in this browser session only, so its link is not reopened here;
    # a compare link in the bundled story reproduces its view in a fresh page
    context = browser.new_context()
    again = context.new_page()
    open_app(again, server + "/principles?view=compare&ref=oecd-ai")
    expect(again.get_by_role("combobox", name="Reference list", exact=True)).to_have_value(
        re.compile(r"^OECD AI Principles"))
    expect(again.locator("p", has_text=re.compile(r"^Item 1 · Inclusive growth"))).to_be_visible(timeout=300_000)
    context.close()
