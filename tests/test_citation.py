"""Citation text a journalist can paste: a document's own words in quotation marks, the explorer's
paraphrases labelled as such and never in quotation marks; title, outlet and date (or "unknown")
and locator; each source by the outlet and what it backs, read at its link; the permalink and the
access date. Never an internal path or file name. No streamlit.

Pinned to the bundled story's ids (article:8, principles:6, factcheck:a, event:msft-mistral-
investment) on purpose: they check the shipped corpus itself (its records, sources and the figures
its texts state), so a change to those files must show here.
"""

from datetime import date

import pytest

from explorer import settings
from explorer.citation import PARAPHRASE, VERBATIM_KINDS, citation, has_path, public_note
from explorer.story.passages import DOCUMENT, Passage, backed_sources
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
    assert f"; read at {passage.source_url}\n" in text
    assert text.startswith(PARAPHRASE)  # record texts are ours, never passed off as quotes
    assert "p=principles:6" in text


def test_event_citation_gives_its_date_title_and_primary_source(engine, documents):
    passage = engine.passage("event:msft-mistral-investment")
    text = cite(engine, documents, passage.id)
    assert f"Event 2024-02-26, “{passage.section}”" in text and "; 2024-02-26." in text
    assert f"; read at {passage.source_url}\n" in text and passage.source_url.startswith("https://")
    assert "Investment timeline" in text and text.startswith(PARAPHRASE)


def test_fact_check_citation(engine, documents):
    text = cite(engine, documents, "factcheck:a")
    assert "Fact-check (a)" in text and "Verdict: SUPPORTED" in text and "date unknown" in text
    assert f"; read at {engine.passage('factcheck:a').source_url}\n" in text


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


def test_only_a_documents_own_words_are_in_quotation_marks(engine, documents):
    for passage in engine.passages:
        first = citation(passage, documents.get(passage.doc), "x", accessed=DAY).splitlines()[0]
        if passage.kind in VERBATIM_KINDS:
            assert first.startswith("“") and first.endswith("”") and "paraphrase" not in first, passage.id
        else:
            assert first.startswith(PARAPHRASE + " ") and not first.endswith("”"), passage.id


def test_an_added_document_is_quoted_verbatim_not_called_a_paraphrase():
    passage = Passage(id="memo:3", doc="memo", title="Board memo (fiction)", kind=DOCUMENT, section="",
                      locator="p. 1 ¶3", text="The board of Fictional Widgets Ltd approved the sale.", principle=None,
                      source_url="https://widgets.example/memo", position=2)
    text = citation(passage, None, "https://x.example/search?p=memo:3", accessed=DAY)
    assert text.splitlines()[0] == "“The board of Fictional Widgets Ltd approved the sale.”"
    assert "paraphrase" not in text and "Source: https://widgets.example/memo" in text


def test_an_event_is_cited_by_what_happened_not_by_its_list_of_sources(engine, documents):
    passage = engine.passage("event:msft-mistral-investment")
    sources_sentence = passage.text[passage.text.index("Sources: "):]
    text = cite(engine, documents, passage.id, quote=sources_sentence)  # what a search matched
    first = text.splitlines()[0]
    assert "Sources:" not in first and "“" not in first[:2]
    event = next(e for e in documents[passage.doc].entries if e["id"] == "msft-mistral-investment")
    assert " ".join(event["description"].split()) in first


@pytest.mark.parametrize("pid", ["factcheck:a", "event:msft-mistral-investment"])
def test_each_source_is_named_by_what_the_record_says_it_backs_and_read_at_its_link(engine, documents, pid):
    passage = engine.passage(pid)
    text = cite(engine, documents, pid)
    entry = next(e for e in documents[passage.doc].entries if str(e["id"]) == passage.key)
    backed = [(url, backs) for url, backs in backed_sources(entry) if backs]
    assert backed  # the records say what each source backs, naming the outlet ("Reuters: ...")
    for url, backs in backed:
        assert f"- {backs.rstrip('.')}; read at {url}\n" in text
