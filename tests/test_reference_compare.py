"""Any document against any reference set, by the coverage method (facets, pair scores, two tiers).

Pinned to the bundled story's ids (principles:3): the bundled reference sets are the ones every test
index holds, and the test needs an item known to be stored there; which one does not matter.
"""

from types import SimpleNamespace

import numpy as np
import pytest

from explorer.analysis.coverage import reference_sets as rc
from explorer.analysis.coverage.reference_sets import PRINCIPLES
from explorer.story.passages import Passage
from explorer.text import sentence_spans

# --- item detection ---------------------------------------------------------------------------

PLANTED = """Code of conduct for the newsroom

The following commitments apply to every reporter.
1. Verify every claim with two independent sources.
2. Correct errors openly and promptly.
3. Protect confidential sources.
The editor reviews these rules yearly; 1.5 million readers rely on them, e.g. this one.
- a stray dash line
"""


def texts(items):
    return [i.text for i in items]


def test_numbered_items_are_detected_in_order():
    items = rc.detect_items(PLANTED)
    assert texts(items) == ["Verify every claim with two independent sources.", "Correct errors openly and promptly.",
                            "Protect confidential sources."]
    assert [i.marker for i in items] == ["1.", "2.", "3."]


@pytest.mark.parametrize("markers", [["(a)", "(b)", "(c)"], ["a)", "b)", "c)"], ["•", "•", "•"], ["-", "-", "-"],
                                     ["*", "*", "*"], ["1)", "2)", "3)"], ["(1)", "(2)", "(3)"], ["i.", "ii.", "iii."]])
def test_every_list_style_is_detected(markers):
    lines = ["Intro line that is prose."] + [f"{m} Item number {k} says something." for k, m in enumerate(markers)]
    assert len(rc.detect_items("\n".join(lines))) == 3


def test_a_list_run_into_one_paragraph_is_detected():
    # explorer.ingest.changes stores each paragraph of an added document on one line
    line = ("The desk agreed on three questions: 1. Will fees for moving data fall? 2. Will rival apps be treated "
            "alike? 3. Will the datacenters be protected? 7) not in order 9. nor this")
    items = rc.detect_items("Intro.\n" + line)
    assert [i.marker for i in items] == ["1.", "2.", "3."]
    assert items[2].text == "Will the datacenters be protected? 7) not in order 9. nor this"
    assert items[1].text == "Will rival apps be treated alike?"
    assert texts(rc.detect_items("Asks: (a) open data formats; (b) fair prices; (c) no lock-in at all.")) == [
        "open data formats;", "fair prices;", "no lock-in at all."]
    assert len(rc.detect_items("Values: • open markets for all • fair prices for all • no lock-in anywhere")) == 3
    assert rc.detect_items("In 2019 there were 1. only two. 2. of them.") == []


def test_fewer_than_three_items_is_not_a_list():
    assert rc.detect_items("1. One thing to do.\n2. Another thing to do.\nPlain prose.") == []


def test_prose_that_looks_like_a_marker_is_not_an_item():
    text = "1.5 million people read it.\ne.g. this is an example.\nA sentence.\n-\n1.\n2. x"
    assert rc.detect_items(text, min_items=1) == []


def test_the_longest_list_style_wins():
    text = "\n".join(["- dash item here", "1. First numbered item.", "2. Second numbered item.",
                      "3. Third numbered item.", "4. Fourth numbered item.", "- another dash item"])
    assert [i.marker for i in rc.detect_items(text)] == ["1.", "2.", "3.", "4."]


def _fake_engine(passages, vectors):
    return SimpleNamespace(passages=passages, vectors=np.asarray(vectors, np.float32),
                           config=SimpleNamespace(corpus_dir=None))


def _passage(doc, n, text, section=""):
    return Passage(id=f"{doc}:{n}", doc=doc, title="Planted", kind="document", section=section, locator=f"¶{n}",
                   text=text, principle=None, source_url=None, position=n - 1)


def test_a_collection_document_with_a_list_becomes_a_reference_set(engine):
    doc = SimpleNamespace(id="code-abc123", title="Code of conduct", is_text=True, text=PLANTED, kind="document")
    prose = SimpleNamespace(id="memo-def456", title="Memo", is_text=True, text="Just prose.\nMore prose.", kind="document")
    passages = [_passage(doc.id, 1, "The following commitments apply to every reporter."),
                _passage(doc.id, 2, "1. Verify every claim with two independent sources.")]
    vectors = np.eye(2, engine.vectors.shape[1], dtype=np.float32)
    collection = _fake_engine(passages, vectors)
    sets = rc.reference_sets(engine, collection, collection_documents=[doc, prose])
    ids = [s.id for s in sets]
    assert ids[:2] == [PRINCIPLES, "tenets"] and "oecd-ai" in ids and "memo-def456" not in ids
    planted = next(s for s in sets if s.id == doc.id)
    assert planted.origin == "collection" and [i.label for i in planted.items] == ["1.", "2.", "3."]
    # the item whose line is a passage takes its stored vector; the others are encoded on use
    assert planted.items[0].passage_id == f"{doc.id}:2" and np.array_equal(planted.items[0].vector, vectors[1])
    assert planted.items[1].vector is None


def test_bundled_sets_use_the_stored_vectors(engine):
    sets = {s.id: s for s in rc.reference_sets(engine)}
    principles = sets[PRINCIPLES]
    assert [i.label for i in principles.items] == [f"P{n}" for n in range(1, 12)]
    row = [p.id for p in engine.passages].index("principles:3")
    assert np.array_equal(principles.items[2].vector, engine.vectors[row])
    assert principles.items[2].text == engine.passages[row].text
    assert len(sets["oecd-ai"]) == 10 and sets["oecd-ai"].items[0].label == "Item 1"


# --- a planted study document, with the real model ------------------------------------------------

STUDY = [
    # two paragraphs restating P8 (physical and cyber security of AI datacenters)...
    "Microsoft said it will protect its AI datacenters against physical intrusion and cyberattacks, with "
    "guards, hardened buildings and constant monitoring by its security teams.",
    "The company promised strong cybersecurity for the datacenters that run AI models, defending them from "
    "hackers and from physical threats alike.",
    # ...two restating P7 (data portability and cloud switching)...
    "Customers who want to switch cloud providers can take their data out of Azure, and Microsoft said it will "
    "lower the egress fees it charges for moving data to another provider.",
    "Moving data to another cloud will cost less: the egress charges for transferring data out of Azure are "
    "being reduced so customers can switch providers.",
    # ...and one about nothing in the set.
    "The bakery on the corner sells sourdough bread and croissants every morning from seven o'clock.",
]


@pytest.fixture(scope="module")
def planted(engine):
    encoder = engine.encoder
    passages = [_passage("planted", n, text) for n, text in enumerate(STUDY, 1)]
    # one text per forward pass: batched, the int8 model's vectors depend on their neighbours
    vectors = np.vstack([encoder.encode([p.embed_text]) for p in passages])
    spans = {p.id: sentence_spans(p.text) for p in passages}
    sentence_vectors = {p.id: np.vstack([encoder.encode([p.text[a:b]]) for a, b in spans[p.id]]) for p in passages}
    return passages, vectors, lambda pid: (spans[pid], sentence_vectors[pid])


def test_a_document_restating_two_principles_discusses_those_two_with_room_to_spare(engine, planted):
    """Issue 24: the old version asserted a threshold one CPU's int8 rounding could flip. This one
    uses the facet method and asserts the room it really has: int8 rounding moves a score by about
    1e-3, the threshold itself moves by its jitter across the leave-one-out folds."""
    from explorer.analysis.coverage import report, study

    passages, vectors, sentences_of = planted
    planted_engine = SimpleNamespace(passages=passages, vectors=vectors, sentences_of=sentences_of,
                                     manifest={"model": "planted"})
    principles = {s.id: s for s in rc.reference_sets(engine)}[PRINCIPLES]
    cal = study.bundled_calibration(engine)
    result = report.compare(planted_engine, "planted", principles, engine.config.corpus_dir, engine.encoder, cal)
    by_label = {i.label: i for i in result.items}
    room = max(2 * cal.cv.jitter(), 0.01)
    seen = {i.label: (i.verdict, round(i.best - cal.fit.threshold, 3)) for i in result.items}
    print("threshold", round(cal.fit.threshold, 3), "jitter", round(cal.cv.jitter(), 3), seen)
    assert by_label["P8"].verdict == by_label["P7"].verdict == "discussed", seen
    assert min(by_label["P8"].best, by_label["P7"].best) - cal.fit.threshold > room, seen
    assert {e["id"] for e in by_label["P8"].evidence} <= {"planted:1", "planted:2"}
    assert {e["id"] for e in by_label["P7"].evidence} <= {"planted:3", "planted:4"}
    assert all("planted:5" not in {e["id"] for e in i.evidence} for i in result.items)


def test_collection_items_without_vectors_get_facets_from_their_own_sentences(engine, planted):
    from explorer.analysis.coverage import report, study

    passages, vectors, sentences_of = planted
    planted_engine = SimpleNamespace(passages=passages, vectors=vectors, sentences_of=sentences_of,
                                     manifest={"model": "planted"})
    items = tuple(rc.Item(f"{k}.", t, t, number=k) for k, t in enumerate([
        "AI datacenters are protected against physical and cyber attacks.",
        "Egress fees for moving data out of the cloud are reduced.",
        "Telecom operators can use a common network API to build AI services."], 1))
    ref_set = rc.ReferenceSet("list-1", "A planted list", items, "collection")
    result = report.compare(planted_engine, "planted", ref_set, None, engine.encoder, study.bundled_calibration(engine))
    assert [i.facets for i in result.items] == [[t.text] for t in items] and not any(i.facets_written for i in result.items)
    assert [i.verdict for i in result.items][:2] == ["discussed", "discussed"], [
        (i.label, round(i.best, 3), [e["id"] for e in i.evidence]) for i in result.items]
    assert result.items[2].verdict != "discussed"


# --- the page (AppTest, bundled story) --------------------------------------------------------------


@pytest.mark.slow  # a page run (AppTest) with the real model
def test_the_principles_page_compares_the_article_with_a_framework_from_its_url():
    from tests.apptest import open_page

    at = open_page("pages/principles.py", {"view": "compare", "ref": "oecd-ai"})
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="principles_ref").value == "oecd-ai"
    assert at.selectbox(key="principles_doc").value == "article"
    lines = [m.value for m in at.markdown]
    assert sum(v.startswith("**Item") for v in lines) == 10
    # the article against the OECD principles has a reviewed reading (corpus/reviews/coverage/oecd-ai.json)
    assert any("person's reading: discussed" in v for v in lines)
    at.selectbox(key="principles_ref").set_value("tenets").run()
    assert not at.exception and "tenets" in str(at.query_params["ref"])
    assert sum(m.value.startswith("**Tenet") for m in at.markdown) == 5


def test_a_bad_reference_in_the_url_gets_a_notice():
    from tests.apptest import open_page

    at = open_page("pages/principles.py", {"view": "compare", "ref": "nope"})
    assert not at.exception
    assert any("ref='nope'" in w.value for w in at.warning)
    assert at.selectbox(key="principles_ref").value == "principles"
