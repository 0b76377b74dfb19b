"""Link previews and JSON twins in the core (explorer.share): what they say comes from the same
data and functions as the pages, every value is escaped, and bad parameters get the page's notices.

Pinned to the bundled story's ids (article:7 to article:9): the test index every run builds holds
the bundled story, and these tests need a passage or event known to be in it; what they check does
not depend on which one.
"""

import html
from html.parser import HTMLParser

import pytest

from explorer.citation import citation, locator_of
from explorer.links.search import parse_search
from explorer.share import views
from explorer.share.preview import Preview, clip, meta_tags
from tests.share_source import DirectSource

BASE = "http://example.test"
HOSTILE = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


@pytest.fixture(scope="module")
def source(engine):
    return DirectSource(engine)


class Tags(HTMLParser):
    """Every element of a fragment, and the text of its <title>."""

    def __init__(self, text: str):
        super().__init__()
        self.elements, self.title, self._in_title = [], "", False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def meta(self, key: str) -> str:
        return next(a["content"] for t, a in self.elements if t == "meta" and key in (a.get("property"), a.get("name")))


def tags_of(page, params, source) -> Tags:
    return Tags(meta_tags(views.preview(page, params, source, BASE)))


def test_an_opened_passage_is_described_by_its_citations_quote_and_locator(source, engine):
    passage = engine.passage("article:8")
    tags = tags_of("search", {"p": ["article:8"], "q": ["investment"]}, source)
    description = tags.meta("og:description")
    quote_line = citation(passage, source.documents_by_id()[passage.doc], "x").splitlines()[0]
    assert description.startswith(f"{locator_of(passage)}: {quote_line[:60]}")
    assert passage.locator in tags.meta("og:title") and passage.title in tags.title
    assert tags.meta("og:url") == f"{BASE}/search?q=investment&p=article:8"
    assert tags.meta("twitter:card") == "summary"


def test_a_principle_is_described_by_its_verdicts_and_evidence(source):
    comparison = source.principles().comparison
    for item in comparison.items:
        description = tags_of("principles", {"principle": [str(item.number)]}, source).meta("og:description")
        person = "discussed" if item.reviewed else "not discussed"
        assert f"Person's reading: {person}; model's reading: {item.verdict}" in description
        if item.reviewed_paragraphs:
            assert f"Evidence: {item.reviewed_paragraphs[0]}" in description


def test_an_event_is_described_by_its_amount_as_reported_and_its_sources(source):
    from explorer.story.timeline import domains, sources

    events = source.timeline()
    with_amount = events[events["amount_as_reported"] != ""].iloc[0]
    tags = tags_of("timeline", {"event": [with_amount["id"]]}, source)
    description = tags.meta("og:description")
    assert with_amount["title"] in tags.meta("og:title")
    assert f"Amount as reported: {clip(with_amount['amount_as_reported'], 60)[:30]}" in description
    assert domains(sources(with_amount["source_urls"]))[0] in description


def test_a_framework_comparison_names_the_framework(source):
    data = source.principles()
    other = data.framework_ids[-1]
    tags = tags_of("principles", {"view": ["frameworks"], "framework": [other]}, source)
    assert data.framework(other).title in tags.meta("og:title")
    assert "P1 ↔" in tags.meta("og:description")


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_in_the_url_comes_out_as_text_never_markup(source, text):
    raw = meta_tags(views.preview("search", {"q": [text]}, source, BASE))
    assert "<script" not in raw and "<img" not in raw
    tags = Tags(raw)
    assert {tag for tag, _ in tags.elements} == {"title", "meta", "link"}
    assert text in tags.title  # the reader sees exactly what was typed
    assert text in tags.meta("og:title") or clip(text, 80) in tags.meta("og:title")


def test_every_value_is_escaped_even_quotes_and_ampersands():
    raw = meta_tags(Preview('a "b" & <c>', "d 'e' > f", "http://x/?a=1&b=2"))
    assert '"b"' not in raw and "<c>" not in raw and "&amp;b=2" in raw
    assert Tags(raw).meta("og:description") == "d 'e' > f"


def test_a_bad_parameter_gets_the_pages_notice_in_the_twin(source, engine):
    params = {"q": ["egress fees"], "k": ["abc"], "mode": ["keyword"]}
    _, page_notices = parse_search(params, engine.document_ids, engine.has_passage, engine.config.max_query_chars)
    payload = views.twin("search", params, source, BASE)
    assert payload["notices"] == page_notices and payload["notices"]
    assert payload["k"] == 10 and payload["params"].get("k") is None  # the default, as the page shows


def test_a_too_long_query_is_cut_at_the_limit_with_the_pages_notice(source, engine):
    limit = engine.config.max_query_chars
    long_query = "egress fees " * (limit // 12 + 2)
    payload = views.twin("search", {"q": [long_query], "mode": ["keyword"]}, source, BASE)
    assert payload["query"] == long_query[:limit] and payload["hits"]
    assert f"the limit is {limit:,}" in payload["notices"][0]


def test_the_opened_passage_carries_its_citation_and_context(source):
    payload = views.twin("search", {"p": ["article:8"]}, source, BASE)
    opened = payload["passage"]
    assert [c["id"] for c in opened["context"]] == ["article:7", "article:8", "article:9"]
    assert opened["citation"].startswith("“") and f"Permalink: {BASE}/search?p=article:8" in opened["citation"]
    assert html.unescape(opened["permalink"]) == f"{BASE}/search?p=article:8"


def test_the_timeline_twin_lists_the_events_the_filters_show(source):
    from explorer.story.timeline import filter_events

    payload = views.twin("timeline", {"type": ["regulatory"], "event": ["nope"]}, source, BASE)
    shown = filter_events(source.timeline(), types=("regulatory",))
    assert [e["id"] for e in payload["events"]] == list(shown["id"])
    assert payload["event"] is None and "no event has that id" in payload["notices"][0]


def test_the_timeline_twin_filters_by_review_status(source):
    every = views.twin("timeline", {}, source, BASE)["events"]
    states = {e["review"] for e in every}
    assert {"extracted", "confirmed"} <= states  # the bundled story has both: the filter has something to drop
    for status in ("extracted", "confirmed"):
        payload = views.twin("timeline", {"status": [status]}, source, BASE)
        assert payload["events"] and {e["review"] for e in payload["events"]} == {status}
        assert len(payload["events"]) == sum(1 for e in every if e["review"] == status)
        assert payload["params"] == {"status": status} and not payload["notices"]


def test_the_principles_twin_is_the_clis_comparison(source):
    import io
    import json

    from explorer.analysis.coverage.study import command
    from explorer.story.collections import DEFAULT

    out = io.StringIO()
    command(source.config(), DEFAULT, None, None, "json", out)
    payload = views.twin("principles", {"principle": ["3"]}, source, BASE)
    assert json.loads(json.dumps(payload["comparison"], ensure_ascii=False)) == json.loads(out.getvalue())
    assert payload["principle"]["number"] == 3


def test_home_and_about_twins_hold_what_those_pages_show(source):
    from explorer.story.passages import split_corpus

    home = views.twin("", {"stray": ["1"]}, source, BASE)
    documents = list(source.documents_by_id().values())
    glance = {m["label"]: m["value"] for m in home["at_a_glance"]}
    assert glance["Passages"] == len(split_corpus(documents)) and glance["Documents"] == len(documents)
    assert glance["Timeline events"] == len(source.timeline())  # the bundled story's confirmed events
    coverage = next(f for f in home["findings"] if f["kind"] == "coverage")
    assert coverage["text"] == source.principles().comparison.summary()
    about = views.twin("about", {}, source, BASE)
    assert about["index"]["passage_count"] == glance["Passages"]
    assert {r["source"] for r in about["sources"]} == {r["url"] for r in source.sources()}


def test_the_home_view_of_a_collection_lists_its_documents_and_no_finding(tmp_path, config):
    """A journalist's collection has no story.json: its home leads with its documents."""
    import dataclasses
    import json

    from explorer.story.collections import Store
    from explorer.story.model import open_story
    from explorer.views.home import home_data

    store = Store(tmp_path / "collections")
    desk = store.create("desk", "Desk")
    with store.change("desk") as (staging, documents):
        (staging / "corpus" / "decision.json").write_text(json.dumps(
            {"id": "decision", "title": "Decision", "kind": "document", "date": "2024-05-17",
             "source_note": "fiction for a test", "text_file": "decision.txt"}))
        (staging / "corpus" / "decision.txt").write_text("The authority cleared the deal on 17 May 2024.\n")
    story = open_story(dataclasses.replace(config, collections_dir=tmp_path / "collections"), store.get("desk"))
    data = home_data(story)
    assert data["title"] == "Desk" and data["findings"] == []
    assert [d["id"] for d in data["documents"]] == ["decision"]
    assert {m["label"]: m["value"] for m in data["at_a_glance"]} == {"Documents": 1, "Passages": 1}

def test_the_search_twin_offers_the_pages_did_you_mean(source):
    """The page offers "Did you mean" for a misspelt query; its twin carries the same suggestion."""
    from explorer.links.search import parse_search
    from explorer.views.search import did_you_mean

    payload = views.twin("search", {"q": ["Mistrall invesment"], "mode": ["keyword"]}, source, BASE)
    state, _ = parse_search({"q": ["Mistrall invesment"], "mode": ["keyword"]}, source.engine().document_ids,
                            source.engine().has_passage, source.config().max_query_chars)
    assert payload["did_you_mean"] == did_you_mean(state, source.vocabulary()) == "Mistral investment"
    assert views.twin("search", {"q": ["egress fees"]}, source, BASE)["did_you_mean"] is None


def test_the_search_twin_carries_the_pages_notices_about_the_query(source):
    """A French question: the twin says what the page says (the model is English-only, the
    sources' English words), from the same function; an English question gets no such notice."""
    from explorer.views.search import query_notices

    params = {"q": ["Combien Microsoft a-t-il investi dans Mistral ?"]}
    payload = views.twin("search", params, source, BASE)
    state, _ = parse_search(params, source.engine().document_ids, source.engine().has_passage,
                            source.config().max_query_chars)
    assert payload["query_notices"] == [n.to_dict() for n in query_notices(state, source.vocabulary())]
    language = next(n for n in payload["query_notices"] if n["kind"] == "language")
    assert "looks French" in language["text"] and "“investi” → invest" in language["text"]
    assert "Microsoft" in language["query"] and "Mistral" in language["query"]
    assert payload["did_you_mean"] is None  # "dans", "investi" are French words, not typos
    assert views.twin("search", {"q": ["How much did Microsoft invest in Mistral?"]}, source, BASE)["query_notices"] == []


def test_a_paragraph_link_unfurls_as_its_quote_or_its_labelled_paraphrase(source, engine):
    article = tags_of("read", {"p": ["article:8"]}, source)
    assert article.meta("og:url") == f"{BASE}/read?p=article:8"
    assert "“" in article.meta("og:description") and engine.passage("article:8").locator in article.meta("og:title")
    event = next(p for p in engine.passages if p.kind == "event")
    described = tags_of("read", {"p": [event.id]}, source).meta("og:description")
    label = "The explorer's paraphrase, not a quotation: "
    assert label in described and not described.split(label, 1)[1].startswith("“")
    document = tags_of("read", {"doc": ["article"]}, source)
    assert document.meta("og:url") == f"{BASE}/read?doc=article" and "paragraphs" in document.meta("og:description")
