"""Citation text: title, outlet (or 'outlet unknown'), locator, source, permalink. No streamlit."""

import pytest

from explorer import settings
from explorer.citation import citation
from explorer.corpus import load_corpus

LINK = "https://news.example/search?p={}&q=egress"


@pytest.fixture(scope="module")
def documents():
    return {d.id: d for d in load_corpus(settings.load().corpus_dir)}


def cite(engine, documents, pid):
    passage = engine.passage(pid)
    return citation(passage, documents[passage.doc], LINK.format(pid))


def test_article_citation_names_title_locator_and_says_what_is_unknown(engine, documents):
    text = cite(engine, documents, "article:8")
    assert "Microsoft Invests in Mistral AI, Outlines Broader AI Access Principles" in text
    assert "¶8" in text
    assert "outlet unknown" in text
    assert "Source URL unknown" in text and "original URL are not known" in text
    assert "Permalink: https://news.example/search?p=article:8&q=egress" in text


def test_principle_citation_gives_publisher_date_and_source_url(engine, documents):
    text = cite(engine, documents, "principles:6")
    passage = engine.passage("principles:6")
    assert "Microsoft's AI Access Principles" in text
    assert "Principle 6" in text
    assert "2024-02-26" in text and "Microsoft" in text
    assert f"Source: {passage.source_url}" in text
    assert "paraphrase" in text  # record texts are ours, never passed off as quotes
    assert "p=principles:6" in text


def test_citation_without_a_document_still_says_outlet_unknown(engine):
    passage = engine.passage("article:8")
    text = citation(passage, None, LINK.format("article:8"))
    assert "outlet unknown" in text and "¶8" in text and "p=article:8" in text
