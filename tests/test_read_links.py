"""URL state of the reading page (/read?doc=&p=): round trips, tampered values, paragraph
permalinks, and the data the page and its twin share. No streamlit, no model."""

from urllib.parse import parse_qs, urlsplit

import pytest

from explorer.links.read import ReadState, paragraph_url, parse_read

DOCS = ["article", "principles", "desk-memo"]
OWNER = {"article:1": "article", "article:12": "article", "principles:6": "principles", "desk-memo:3": "desk-memo"}


def parse(params):
    return parse_read(params, DOCS, OWNER.get)


@pytest.mark.parametrize("state", [ReadState(), ReadState(doc="principles"), ReadState(doc="article", p="article:12"),
                                   ReadState(doc="desk-memo", p="desk-memo:3")])
def test_every_valid_state_survives_a_round_trip_through_a_url(state):
    url = f"http://example.org/read?{'&'.join(f'{k}={v}' for k, v in state.to_params().items())}"
    params = {k: v for k, v in parse_qs(urlsplit(url).query).items()}
    assert parse(params) == (state, [])


def test_a_paragraph_alone_opens_its_own_document():
    state, notices = parse({"p": ["principles:6"]})
    assert state == ReadState(doc="principles", p="principles:6") and notices == []


def test_a_paragraph_permalink_names_the_paragraph_first_and_keeps_the_collection():
    url = paragraph_url("http://example.org", "article:12", {"c": "pub_abc"})
    assert url == "http://example.org/read?p=article:12&c=pub_abc"
    params = {k: v for k, v in parse_qs(urlsplit(url).query).items() if k != "c"}
    assert parse(params) == (ReadState(doc="article", p="article:12"), [])


@pytest.mark.parametrize("params, expected, said", [
    ({"doc": ["nope"]}, ReadState(), "Ignored doc='nope'"),
    ({"p": ["article:999"]}, ReadState(), "Ignored p='article:999'"),
    ({"doc": ["principles"], "p": ["article:12"]}, ReadState(doc="principles"), "not in the document principles"),
    ({"p": ["<img src=x onerror=alert(1)>"]}, ReadState(), "no paragraph has that id"),
])
def test_a_bad_value_falls_back_with_a_notice_that_quotes_it(params, expected, said):
    state, notices = parse(params)
    assert state == expected
    assert len(notices) == 1 and said in notices[0]


class FakePassage:
    def __init__(self, id, doc, locator, text, section=""):
        self.id, self.doc, self.locator, self.text, self.section = id, doc, locator, text, section
        self.title, self.kind = doc.title(), "document"


class FakeEngine:
    """An index of two invented documents (fiction: no real organisation or person)."""

    def __init__(self):
        self.passages = [FakePassage("memo:1", "memo", "¶1", "Acme Widgets signed on Monday.", "Summary"),
                         FakePassage("memo:2", "memo", "¶2", "The board of Acme met twice."),
                         FakePassage("note:1", "note", "¶1", "A one-line note about Zeta Ltd.")]
        self.document_ids = ["memo", "note"]

    def has_passage(self, pid):
        return any(p.id == pid for p in self.passages)

    def passage(self, pid):
        return next(p for p in self.passages if p.id == pid)


def test_the_view_holds_every_paragraph_of_the_document_in_order_each_with_its_own_link():
    from explorer.views.read import parse as parse_view, read_data

    engine = FakeEngine()
    state, notices = parse_view({"p": ["memo:2"]}, engine)
    data = read_data(state, engine, "http://example.org")
    assert notices == [] and data["doc"] == "memo" and data["marked"] == "memo:2"
    assert [row["id"] for row in data["paragraphs"]] == ["memo:1", "memo:2"]
    assert [row["permalink"] for row in data["paragraphs"]] == ["http://example.org/read?p=memo:1",
                                                                 "http://example.org/read?p=memo:2"]
    other = read_data(parse_view({}, engine)[0], engine, "http://example.org")
    assert other["doc"] == "memo" and other["marked"] is None
