"""Passage splitting: stable readable ids, headings as sections, bullets kept whole; every
passage has a kind; timeline events and fact-checks are passages too.

Pinned to the bundled story's ids (article:12, principles:6, seoul-commitments) on purpose: they
check the shipped corpus itself (its records, sources and the figures its texts state), so a change
to those files must show here.
"""

import shutil
from pathlib import Path

import numpy as np

from explorer.analysis.coverage.alignment import load_factchecks
from explorer.story.corpus import Document, Record, fingerprint, load_corpus
from explorer.store.index import build_index, load_index
from explorer.story.passages import DOCUMENT, KINDS, is_heading, split_corpus, split_document
from explorer.story.timeline import load_timeline, sources
from tests.fakes import HashEncoder

ROOT = Path(__file__).resolve().parent.parent


def text_doc(text):
    return Document(id="doc", title="Title line", kind="news article", path=Path("x.json"), source_url=None, text=text)


def test_same_corpus_gives_same_ids_every_time():
    first = [p.id for p in split_corpus(load_corpus(ROOT / "corpus"))]
    second = [p.id for p in split_corpus(load_corpus(ROOT / "corpus"))]
    assert first == second and len(set(first)) == len(first)


def test_heading_is_not_a_passage_but_the_section_of_what_follows():
    doc = text_doc("Title line\n\nA Heading Without Punctuation\n\nFirst paragraph here.\n\n  • Bullet title: bullet text, kept whole.\n")
    passages = split_document(doc)
    assert [p.text for p in passages] == ["First paragraph here.", "Bullet title: bullet text, kept whole."]
    assert {p.section for p in passages} == {"A Heading Without Punctuation"}
    assert [(p.id, p.locator) for p in passages] == [("doc:1", "¶1"), ("doc:2", "¶2")]


def test_page_furniture_copied_with_a_story_is_kept_but_names_no_section():
    doc = text_doc("Title line\n\nThe Deal\n\nFirst paragraph here.\n\nAdvertisement\n\nSecond paragraph here.\n\n"
                   "Share this article\n\nThird paragraph here.\n")
    passages = split_document(doc)
    assert [p.text for p in passages] == ["First paragraph here.", "Advertisement", "Second paragraph here.",
                                          "Share this article", "Third paragraph here."]
    assert {p.section for p in passages} == {"The Deal"}


def test_short_label_ending_in_colon_is_a_subsection():
    doc = text_doc("Big Heading\n\nFor the industry:\n\n  • One: two.\n\nSo what makes it stand out? Here is what:\n")
    passages = split_document(doc)
    assert passages[0].section == "Big Heading › For the industry"
    assert passages[1].text.startswith("So what makes")  # a long line ending in ':' is a paragraph


def test_record_passages_carry_principle_number_locator_and_source():
    doc = Document(id="principles", title="P", kind="principles", path=Path("p.json"), source_url="https://a",
                   record_label="Principle", records=(Record(6, "No data use", "Text.", "https://b", specifics=("x", "y")),))
    (passage,) = split_document(doc)
    assert (passage.id, passage.locator, passage.principle, passage.source_url) == ("principles:6", "Principle 6", 6, "https://b")
    assert "Specifics: x; y." in passage.text


def test_article_paragraph_numbers_follow_reading_order():
    article = [p for p in split_corpus(load_corpus(ROOT / "corpus")) if p.doc == "article"]
    assert [p.locator for p in article] == [f"¶{i}" for i in range(1, len(article) + 1)]
    assert not any(is_heading(p.text) for p in article)
    assert any("€15 Million Investment" in p.text for p in article)


# --- kinds, events and fact-checks ------------------------------------------------------------


def real_passages():
    return {p.id: p for p in split_corpus(load_corpus(ROOT / "corpus"))}


def test_every_passage_of_the_story_has_one_of_its_five_kinds():
    passages = real_passages()
    assert {p.kind for p in passages.values()} == set(KINDS) - {DOCUMENT}  # "document": added by journalists
    by_doc = {}
    for p in passages.values():
        by_doc.setdefault(p.doc, set()).add(p.kind)
    assert by_doc["article"] == {"article"} and by_doc["principles"] == {"principle"}
    assert by_doc["tenets"] == {"framework"} and by_doc["seoul-commitments"] == {"framework"}
    assert by_doc["timeline"] == {"event"} and by_doc["factchecks"] == {"factcheck"}


def test_existing_ids_and_locators_are_unchanged():
    passages = real_passages()
    assert passages["article:12"].locator == "¶12" and passages["principles:6"].locator == "Principle 6"
    assert passages["principles:6"].principle == 6 and passages["tenets:1"].locator == "Tenet 1"


def test_each_timeline_event_is_a_passage_with_its_facts_and_sources():
    passages = real_passages()
    events = load_timeline(ROOT / "corpus" / "timeline.csv")
    assert len([p for p in passages.values() if p.kind == "event"]) == len(events)
    for _, event in events.iterrows():
        p = passages[f"event:{event['id']}"]
        assert p.locator == f"Event {event['date']}" and p.section == event["title"] and p.date == event["date"]
        assert p.source_url == sources(event["source_urls"])[0]
        assert event["description"].rstrip(".") in p.text
        assert f"Status: {event['status']}." in p.text
        if event["counterparty"]:
            assert f"Parties: {event['actor']} → {event['counterparty']}." in p.text
        for column in ("amount_as_reported", "valuation_as_reported", "note"):
            if event[column]:
                assert event[column].rstrip(".") in p.text, column
        assert "Sources: " in p.text


def test_each_fact_check_is_a_passage_with_claim_verdict_and_notes():
    passages = real_passages()
    claims = load_factchecks(ROOT / "corpus")["claims"]
    assert len([p for p in passages.values() if p.kind == "factcheck"]) == len(claims)
    for claim in claims:
        p = passages[f"factcheck:{claim['id']}"]
        assert p.locator == f"Fact-check ({claim['id']})"
        assert claim["claim"].rstrip(".") in p.text and claim["verdict"] in p.text
        assert claim["notes"].rstrip(".") in p.text
        urls = claim.get("source_urls") or [s.get("url") if isinstance(s, dict) else s for s in claim.get("sources") or []]
        assert p.source_url == (urls[0] if urls else None)


def test_event_text_reads_as_sentences():
    doc = Document(id="timeline", title="Investment timeline", kind="timeline", path=Path("t.csv"), source_url=None,
                   entries=({"id": "x", "date": "2024-02", "title": "A deal", "description": "A buys B",
                             "actor": "A", "counterparty": "B", "amount_as_reported": "EUR 5M (≈USD 6M)",
                             "valuation_as_reported": None, "note": "Sources disagree", "status": "disputed",
                             "source_urls": "https://www.one.example/a ; https://two.example/b",
                             "source_notes": "https://www.one.example/a: the amount, per Reuters"},))
    (p,) = split_document(doc)
    assert (p.id, p.kind, p.locator, p.section, p.source_url) == ("event:x", "event", "Event 2024-02", "A deal", "https://www.one.example/a")
    assert p.text == ("A buys B. Parties: A → B. Amount as reported: EUR 5M (≈USD 6M). Note: Sources disagree. "
                      "Status: disputed. Sources: one.example (the amount, per Reuters); two.example.")


def test_a_corpus_without_timeline_or_fact_checks_still_loads(tmp_path):
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    (tmp_path / "corpus" / "timeline.csv").unlink()
    (tmp_path / "corpus" / "factchecks.json").unlink()
    kinds = {p.kind for p in split_corpus(load_corpus(tmp_path / "corpus"))}
    assert kinds == {"article", "principle", "framework"}


def test_fingerprint_covers_the_timeline_and_the_fact_checks(tmp_path):
    """The index rebuilds when either data file changes: both are indexed."""
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    before = fingerprint(corpus)
    for name in ("timeline.csv", "factchecks.json"):
        path = corpus / name
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert fingerprint(corpus) != before, name
        path.write_bytes(original)
        assert fingerprint(corpus) == before


class BatchDependentEncoder(HashEncoder):
    """Like the int8 model, a text's vector depends a little on the texts encoded with it."""

    def encode(self, texts, batch_size=32):
        out = super().encode(texts, batch_size)
        out[:, 0] += 0.01 * len(texts)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


def test_documents_embed_the_same_whether_or_not_the_data_files_are_there(tmp_path):
    """Editing the timeline or the fact-checks must not move the article's or principles' vectors
    (the coverage method's thresholds are calibrated on them)."""
    full, bare = tmp_path / "full", tmp_path / "bare"
    shutil.copytree(ROOT / "corpus", full)
    shutil.copytree(ROOT / "corpus", bare)
    (bare / "timeline.csv").unlink()
    (bare / "factchecks.json").unlink()
    vectors = {}
    for corpus in (full, bare):
        build_index(corpus, tmp_path / f"index-{corpus.name}", BatchDependentEncoder(), exact_limit=50_000)
        loaded = load_index(tmp_path / f"index-{corpus.name}", "hash-encoder", corpus)
        vectors[corpus.name] = dict(zip((p.id for p in loaded.passages), loaded.store.vectors))
    assert set(vectors["bare"]) < set(vectors["full"])
    for pid, vector in vectors["bare"].items():
        assert np.array_equal(vector, vectors["full"][pid]), pid
