"""Passage splitting: stable readable ids, headings as sections, bullets kept whole."""

from pathlib import Path

from explorer.corpus import Document, Record, load_corpus
from explorer.passages import is_heading, split_corpus, split_document

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
