"""The bundled corpus says only what its sources back (checked against the fact base,
../shared/facts/facts.md): each source is cited for what it states, an outlet a record names is
linked or said not to be, the About page lists every source, and the corpus speaks of the
project only. Each test reads the corpus files; the records they name are those a truth audit
found wrong.

Pinned to the bundled story's ids (codestral, europe-ai-datacenters-total) on purpose: they check
the shipped corpus itself (its records, sources and the figures its texts state), so a change to
those files must show here.
"""

import re
from pathlib import Path

import pytest

from explorer import settings
from explorer.story.corpus import FACTCHECK_KIND, TIMELINE_KIND, claim_sources, load_corpus
from explorer.story.passages import backed_sources
from explorer.story.sources import all_sources

CORPUS = settings.load({}).corpus_dir
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Outlets the corpus texts name, with the words by which a source's URL or "backs" text names them.
OUTLETS = {"Reuters": ("reuters",), "Bloomberg": ("bloomberg",), "CNBC": ("cnbc",), "AP": (" ap", "ap/", "(ap"),
           "TechCrunch": ("techcrunch",), "TechTarget": ("techtarget",), "Business Upturn": ("business upturn", "businessupturn"),
           "S&P Global": ("s&p global", "spglobal"), "CIO Dive": ("cio dive", "ciodive"), "MLex": ("mlex",),
           "windowsnews.ai": ("windowsnews",), "Globe and Mail": ("globe and mail", "theglobeandmail")}
NOT_LINKED = re.compile(r"\b(?:not|none|no|neither)\b[^.]*\bamong (?:the|these) sources")


@pytest.fixture(scope="module")
def documents():
    return load_corpus(CORPUS)


def entries(documents, kind):
    return [e for d in documents if d.kind == kind for e in d.entries]


def records_with_sources(documents):
    """(where, its texts, [(url, what it backs)]) for every event, fact-check and record."""
    for event in entries(documents, TIMELINE_KIND):
        texts = " ".join(str(event.get(k) or "") for k in ("description", "note", "amount_as_reported", "valuation_as_reported"))
        yield f"event {event['id']}", texts, backed_sources(event)
    for claim in entries(documents, FACTCHECK_KIND):
        yield f"fact-check {claim['id']}", f"{claim['claim']} {claim.get('notes', '')}", backed_sources(claim)
    for doc in documents:
        listed = {s["url"]: s["backs"] for s in doc.meta.get("sources") or [] if isinstance(s, dict)}
        for raw in doc.meta.get("records") or []:
            urls = [raw["source_url"], *(raw.get("source_urls") or [])]
            backs = {**listed, **{s["url"]: s["backs"] for s in raw.get("sources") or []}}
            texts = " ".join([raw.get("text", ""), raw.get("note") or "", *(raw.get("specifics") or [])])
            yield f"{doc.id} {raw['number']}", texts, [(u, backs.get(u, "")) for u in urls]


def test_the_about_pages_source_list_holds_every_url_a_record_cites(documents):
    listed = {row["url"] for row in all_sources(CORPUS)}
    cited = {url for _, _, sources in records_with_sources(documents) for url, _ in sources}
    cited |= {url for claim in entries(documents, FACTCHECK_KIND) for url in claim_sources(claim)}
    assert cited - listed == set()


def test_a_papers_abstract_page_is_never_cited_for_a_date(documents):
    for where, _, sources in records_with_sources(documents):
        for url, backs in sources:
            if "arxiv.org/abs/" in url:
                assert not ISO_DAY.search(backs) and "release on" not in backs, (where, backs)


def test_an_outlet_a_record_names_is_linked_or_said_not_to_be(documents):
    for where, texts, sources in records_with_sources(documents):
        linked = " ".join(f"{url} {backs}" for url, backs in sources).lower()
        for sentence in re.split(r"(?<=[.])\s+", texts):
            for outlet, words in OUTLETS.items():
                if re.search(rf"(?<![\w/.]){re.escape(outlet)}(?!\w)", sentence):
                    assert any(w in f" {linked}" for w in words) or NOT_LINKED.search(sentence), (where, outlet, sentence)


def test_what_a_principle_says_is_cited_from_microsofts_own_post(documents):
    post = next(d for d in documents if d.id == "principles").source_url
    for claim in entries(documents, FACTCHECK_KIND):
        for url, backs in backed_sources(claim):
            if re.search(r"\bPrinciple \d+ says", backs):
                assert url == post, (claim["id"], url)


def test_the_european_datacenter_total_is_confirmed_and_only_its_split_is_not(documents):
    post = next(d for d in documents if d.id == "principles").source_url
    event = next(e for e in entries(documents, TIMELINE_KIND) if e["id"] == "europe-ai-datacenters-total")
    assert event["status"] == "confirmed" and [u for u, _ in backed_sources(event)] == [post]
    assert "only our inference" in event["note"] and "UNCONFIRMED" not in event["note"]


def test_codestrals_date_and_context_rest_on_sources_that_state_them(documents):
    event = next(e for e in entries(documents, TIMELINE_KIND) if e["id"] == "codestral")
    backs = [b for _, b in backed_sources(event)]
    assert any(event["date"] in b and "32k" in b for b in backs)


def test_the_corpus_speaks_of_the_project_only():
    for path in sorted(Path(CORPUS).rglob("*")):
        if path.is_file() and path.suffix in (".json", ".csv", ".md", ".txt"):
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"(?i)\b(?:AI )?coding assistant|engineering session|language model wrote", text), path
