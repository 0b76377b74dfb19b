"""An added document keeps its own structure: its paragraph numbers, its headings, its stated date;
running headers, footers and page numbers are not text. The material is the invented decision in
explorer/bench/data/fiction/decision.txt, rendered to a three-page PDF by the test."""

import json
import re

import pytest

from explorer.ingest.changes import Upload, add_files, correct
from explorer.ingest.extract import extract
from explorer.story.collections import CollectionError
from explorer.story.corpus import load_corpus
from explorer.story.passages import split_corpus
from tests.fakes import HashEncoder
from tests.pdf_documents import decision_pdf
from tests.desk import config, store  # noqa: F401 (pytest fixtures: a desk collection, the hash encoder)


@pytest.fixture(scope="module")
def decision():
    return decision_pdf()


def passages_of(store):
    return split_corpus(load_corpus(store.get("desk").corpus_dir))


def test_a_numbered_decision_is_cited_by_its_own_paragraph_numbers(store, config, decision):
    add_files(store, "desk", [Upload("decision.pdf", decision)], config, HashEncoder)
    numbered = {p.locator: p.text for p in passages_of(store) if p.locator.startswith("para.")}
    assert [f"para. {n}" for n in range(1, 21)] == [loc.split(" (")[0] for loc in numbered]
    assert numbered["para. 10 (p. 2)"].startswith("10. The Authority finds that the merged company")
    assert numbered["para. 15 (p. 2)"].startswith("15. Last week Halvard signed")
    assert numbered["para. 17 (p. 3)"].startswith("17. Such conduct breaches")


def test_section_headings_attach_to_the_paragraphs_that_follow(store, config, decision):
    add_files(store, "desk", [Upload("decision.pdf", decision)], config, HashEncoder)
    section = {p.text.split(".")[0]: p.section for p in passages_of(store) if p.locator.startswith("para.")}
    assert section["9"] == section["12"] == "C. ASSESSMENT"
    assert section["13"] == "D. THE COMMITMENTS" and section["20"] == "F. CONCLUSION"


def test_running_headers_footers_and_page_numbers_are_not_in_any_passage(store, config, decision):
    add_files(store, "desk", [Upload("decision.pdf", decision)], config, HashEncoder)
    for passage in passages_of(store):
        assert not re.search(r"Page \d of 3", passage.text), passage.text
        assert "Public version" not in passage.text, passage.text


def test_a_decision_is_dated_by_the_day_it_was_adopted_not_by_its_file(store, config, decision):
    document = extract(decision, "decision.pdf")[0]
    assert document.date == "2025-06-17"
    assert any("Adopted on 17 June 2025" in w for w in document.warnings)  # it says it replaced the file's date


def test_a_web_page_is_dated_by_its_published_time():
    page = (b"<html><head><title>Port Vell news</title>"
            b"<meta property='article:published_time' content='2025-03-04T09:00:00Z'></head>"
            b"<body><article><p>The invented harbour board of Port Vell agreed to repaint the lighthouse before "
            b"the winter storms, its chair said on Tuesday.</p></article></body></html>")
    assert extract(page, "news.html")[0].date == "2025-03-04"


def test_a_title_url_and_date_given_with_the_file_win_and_can_be_corrected(store, config, decision):
    upload = Upload("decision.pdf", decision, title="NCA decision M/2025/017",
                    url="https://example.org/nca/m-2025-017.pdf", date="2025-06-18")
    [result] = add_files(store, "desk", [upload], config, HashEncoder)
    [entry] = store.get("desk").documents
    assert (entry.title, entry.url, entry.date) == ("NCA decision M/2025/017", "https://example.org/nca/m-2025-017.pdf",
                                                    "2025-06-18")
    corrected = correct(store, "desk", "decision.pdf", config, HashEncoder, title="Halvard / Veltro decision",
                        date="2025-06-17", url="")
    assert (corrected.title, corrected.date, corrected.url) == ("Halvard / Veltro decision", "2025-06-17", None)
    passage = passages_of(store)[0]
    assert (passage.title, passage.date, passage.source_url) == ("Halvard / Veltro decision", "2025-06-17", None)
    record = json.loads((store.get("desk").corpus_dir / f"{entry.id}.json").read_text())
    assert record["title"] == "Halvard / Veltro decision"


def test_an_unusable_url_or_date_is_refused_with_a_sentence(store, config, decision):
    add_files(store, "desk", [Upload("decision.pdf", decision)], config, HashEncoder)
    with pytest.raises(CollectionError, match="not a date"):
        correct(store, "desk", "decision.pdf", config, HashEncoder, date="17/06/2025")
    with pytest.raises(CollectionError, match="not an http"):
        correct(store, "desk", "decision.pdf", config, HashEncoder, url="javascript:alert(1)")
    [result] = add_files(store, "desk", [Upload("note.txt", b"A note about the case, written by us.", url="ftp://x")],
                         config, HashEncoder)
    assert "is not an http(s) address and was left out" in result.message
