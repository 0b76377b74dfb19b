"""The search helpers in a real browser (issue 25): a French question says the model reads English
only and offers the English query one click away, "said" alone says it has only very common
words, correct words get no "did you mean", and a pasted paragraph saying "multiyear" finds the
source's "multi-year" highlighted and not missing."""

import re
from urllib.parse import quote_plus

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import open_app
from tests.browser.streamlit_server import wait_until_idle

pytestmark = pytest.mark.browser
FRENCH = "Combien Microsoft a-t-il investi dans Mistral ?"
PASTED = "Microsoft and Mistral AI have signed a multiyear partnership, the companies said on Monday."


def open_search(page, server, query: str) -> None:
    open_app(page, server + "/search?" + query)
    expect(page.get_by_role("heading", name="Search the sources")).to_be_visible(timeout=120_000)
    wait_until_idle(page, 120_000)


def test_a_french_question_says_so_and_offers_the_english_words(server, page):
    open_search(page, server, "q=" + quote_plus(FRENCH))
    notice = page.get_by_text(re.compile(r"This query looks French"))
    expect(notice).to_be_visible(timeout=120_000)
    expect(notice).to_contain_text("reads English only")
    expect(notice).to_contain_text("“investi” → invest")
    expect(page.locator(".st-key-did-you-mean")).to_have_count(0)  # "dans" is not "days"
    page.locator(".st-key-query-notice-0").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"[?&]q=[^&]*investment"))
    wait_until_idle(page, 120_000)
    expect(page.get_by_text(re.compile(r"This query looks French"))).to_have_count(0)
    expect(page.locator(".hit.result").first).to_be_visible(timeout=120_000)


def test_said_alone_says_it_has_only_very_common_words(server, page):
    open_search(page, server, "q=said&mode=keyword")
    expect(page.get_by_text(re.compile(r"only very common words \(“said”\)"))).to_be_visible(timeout=120_000)
    expect(page.get_by_text("No passage contains these words")).to_have_count(0)


def test_correct_words_get_no_did_you_mean_and_a_typo_does(server, page):
    open_search(page, server, "q=" + quote_plus("Did regulators investigate the Monday announcement?"))
    expect(page.locator(".hit.result").first).to_be_visible(timeout=120_000)
    expect(page.locator(".st-key-did-you-mean")).to_have_count(0)
    open_search(page, server, "q=" + quote_plus("Mistrall investmnet"))
    expect(page.locator(".st-key-did-you-mean").get_by_role("button", name="Mistral investment")).to_be_visible()


def test_a_pasted_multiyear_finds_the_sources_multi_year_highlighted_and_not_missing(server, page):
    open_search(page, server, "q=" + quote_plus(PASTED))
    card = page.locator('.hit.result[data-passage="event:msft-mistral-partnership"]')
    expect(card).to_be_visible(timeout=120_000)
    expect(card.locator("mark", has_text="multi-year").first).to_be_visible()
    expect(card.locator(".hit-why")).not_to_contain_text(re.compile(r"Missing:.*multiyear"))
    expect(page.get_by_text(re.compile(r"may not make this claim"))).to_have_count(0)
