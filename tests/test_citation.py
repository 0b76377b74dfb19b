"""Citation text a journalist can paste: the quoted text in quotation marks; title, outlet and
date (or "unknown") and locator; the source URL where there is one; the permalink and the
access date. Never an internal path or file name. No streamlit."""

from datetime import date

import pytest

from explorer import settings
from explorer.citation import citation, has_path, public_note
from explorer.story.corpus import load_corpus
from explorer.links.search import permalink

LINK = "https://news.example/search?p={}&q=egress"
DAY = date(2024, 3, 1)


@pytest.fixture(scope="module")
def documents():
    return {d.id: d for d in load_corpus(settings.load().corpus_dir)}


def cite(engine, documents, pid, **kwargs):
    passage = engine.passage(pid)
    return citation(passage, documents[passage.doc], LINK.format(pid), accessed=DAY, **kwargs)


def test_article_citation_names_title_locator_and_says_what_is_unknown(engine, documents):
    text = cite(engine, documents, "article:8")
    assert "Microsoft Invests in Mistral AI, Outlines Broader AI Access Principles" in text
    assert "¶8" in text
    assert "outlet unknown" in text and "date unknown" in text
    assert "Source URL unknown (its outlet and original URL are not known)." in text
    assert "Permalink: https://news.example/search?p=article:8&q=egress (accessed 2024-03-01)." in text
    assert "paraphrase" not in text  # the article is quoted as published


def test_citation_quotes_the_passage_or_the_sentence_passed_in(engine, documents):
    passage = engine.passage("article:8")
    lines = cite(engine, documents, "article:8").splitlines()
    assert lines[0] == f"“{' '.join(passage.text.split())}”"
    sentence = "Microsoft pledged €15 million (which equates to approximately $16 million)."
    assert cite(engine, documents, "article:8", quote=sentence).splitlines()[0] == f"“{sentence}”"


def test_principle_citation_gives_publisher_date_and_source_url(engine, documents):
    text = cite(engine, documents, "principles:6")
    passage = engine.passage("principles:6")
    assert "Microsoft's AI Access Principles" in text
    assert "Principle 6" in text and f"section “{passage.section}”" in text
    assert "2024-02-26" in text and "Microsoft" in text
    assert f"Source: {passage.source_url}" in text
    assert "paraphrase" in text  # record texts are ours, never passed off as quotes
    assert "p=principles:6" in text


def test_event_citation_gives_its_date_title_and_primary_source(engine, documents):
    passage = engine.passage("event:msft-mistral-investment")
    text = cite(engine, documents, passage.id)
    assert f"Event 2024-02-26, “{passage.section}”" in text and "; 2024-02-26." in text
    assert f"Source: {passage.source_url}" in text and passage.source_url.startswith("https://")
    assert "Investment timeline" in text and "paraphrase" in text


def test_fact_check_citation(engine, documents):
    text = cite(engine, documents, "factcheck:a")
    assert "Fact-check (a)" in text and "Verdict: SUPPORTED" in text and "date unknown" in text
    assert f"Source: {engine.passage('factcheck:a').source_url}" in text


def test_access_date_defaults_to_today(engine, documents):
    passage = engine.passage("principles:1")
    text = citation(passage, documents["principles"], LINK.format(passage.id))
    assert f"(accessed {date.today().isoformat()})." in text


def test_no_citation_names_a_file_or_folder(engine, documents, config):
    corpus = str(config.corpus_dir)
    for passage in engine.passages:
        link = permalink("https://news.example", passage.id, "q")
        text = citation(passage, documents.get(passage.doc), link, accessed=DAY)
        assert not has_path(text), (passage.id, text)
        assert corpus not in text and "shared/" not in text and ".txt" not in text and ".json" not in text, passage.id
        assert documents[passage.doc].path.name not in text, passage.id


def test_source_notes_lose_the_clauses_that_name_a_path():
    assert public_note("Text supplied as shared/source/article.txt; its outlet is not known.") == "its outlet is not known"
    assert public_note("From facts.md section 3.") == ""
    assert public_note("Reported by Reuters; see https://example.org/a/b/c.") == "Reported by Reuters; see https://example.org/a/b/c"
    assert not has_path("Microsoft/OpenAI and Claude 2/2.1") and has_path("/srv/corpus") and has_path("C:\\corpus")


def test_citation_without_a_document_still_says_outlet_unknown(engine):
    passage = engine.passage("article:8")
    text = citation(passage, None, LINK.format("article:8"), accessed=DAY)
    assert "outlet unknown" in text and "¶8" in text and "p=article:8" in text
