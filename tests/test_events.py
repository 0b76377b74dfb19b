"""Dated events: the date grammar against a document's date, what is never an event, merging the
same event across documents, the reviewed layer over the derived one, and the exports. The
documents here are fiction written for the tests (invented companies and people)."""

import copy
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from explorer.analysis.events import events_of, timeline_of
from explorer.analysis.events.dates import find_dates, parse_reference
from explorer.analysis.events.export import to_csv, to_timelinejs
from explorer.analysis.events.extract import extract, resolve_document
from explorer.analysis.events.review import add_event, review_event
from explorer.story import database as db
from explorer.story.corpus import Document
from explorer.story.layers import LayerCache
from explorer.story.passages import DOCUMENT, Passage, split_document
from explorer.story.reviews import Decision, ReviewError, Reviews

THURSDAY = "2025-06-19"


def passage(text, date=THURSDAY, pid="doc:1", doc="doc", position=0):
    return Passage(id=pid, doc=doc, title="A fictional report", kind=DOCUMENT, section="", locator="¶1", text=text,
                   principle=None, source_url=None, position=position, date=date)


def events(text, date=THURSDAY):
    return resolve_document(extract([passage(text, date)])[0])


def dated(text, date=THURSDAY):
    return [(e["date"], e["precision"]) for e in events(text, date)]


@pytest.mark.parametrize("sentence, expected", [
    ("Brightwater Ltd signed the lease on Tuesday.", ("2025-06-17", "day")),
    ("The board of Brightwater met yesterday in Oslo.", ("2025-06-18", "day")),
    ("Brightwater opened its new depot today.", ("2025-06-19", "day")),
    ("Brightwater filed its complaint last month.", ("2025-05", "month")),
    ("Brightwater sold the plant last Wednesday to Korvo.", ("2025-06-11", "day")),
    ("Ms. Dahl founded Brightwater eleven years ago in Bergen.", ("2014", "year")),
    ("Brightwater raised concerns with the ministry in April.", ("2025-04", "month")),
])
def test_relative_dates_are_resolved_against_the_documents_date(sentence, expected):
    assert dated(sentence) == [expected]


def test_the_same_words_in_a_document_of_another_date_give_another_date():
    assert dated("Brightwater signed the lease on Tuesday.", "2025-07-03") == [("2025-07-01", "day")]


def test_a_date_relative_to_the_one_before_counts_from_it_even_across_paragraphs():
    first = passage("On 2 April 2025 Korvo appointed two managers to the board.", pid="doc:1", position=0)
    second = passage("The next day, they told the sales staff to stop all discounts.", pid="doc:2", position=1)
    records = resolve_document([r for rs in extract([first, second]) for r in rs])
    assert [r["date"] for r in records] == ["2025-04-02", "2025-04-03"]


def test_a_relative_date_without_a_document_date_stays_undated():
    assert dated("Korvo recently invested in Brightwater, a small startup.", None) == [(None, None)]


def test_absolute_dates_keep_their_real_precision():
    assert dated("Korvo agreed to buy Brightwater on 3 February 2025.") == [("2025-02-03", "day")]
    assert dated("The depot is due to open in March 2026 in Aarhus.") == [("2026-03", "month")]
    assert dated("Ms. Dahl founded Brightwater in 2011 in Bergen.") == [("2011", "year")]


@pytest.mark.parametrize("text", [
    "Page 2 of 3",
    "Nordic Freight Board | Case F/2025/004 Korvo / Brightwater | Public version",
    "7. The concentration falls within the meaning of point 4.2 of the Board's guidelines.",
    "The concerns identified in Section C are removed by the commitments set out in Section D.",
    "The cases cited, such as Ulfsen / Marrow (2019) 3 CMLR 45, concerned different products.",
    "© 2025 Korvo Holdings Ltd. All rights reserved.",
    "In 2024 Korvo reported worldwide revenue of USD 2.3 billion.",
    "Korvo must pay the fine within three months of notification of this decision.",
    "The ban lasts for ten years and the review took seven weeks.",
    "The fine will not affect the company's guidance for 2025.",
    "OSLO, Thursday 19 June 2025 — By Kari Vold",
])
def test_page_furniture_section_numbers_amounts_and_citations_are_not_events(text):
    assert events(text) == []


def test_a_sentence_with_two_dates_gives_two_events():
    found = events("Korvo replied two weeks later and offered commitments on 28 May 2025.", "2025-06-17")
    assert len(found) == 2 and found[1]["date"] == "2025-05-28" and "commitments" in found[1]["text"]


def test_a_sentence_ending_in_group_is_two_events_not_one_and_a_title_keeps_its_sentence_whole():
    """"the group." ends a sentence (it only ends in the letter of the abbreviation "p."), so each
    sentence is its own event; "Dr. Lund" does not cut the sentence that names him."""
    found = events("Brightwater sold the plant on 3 March 2025 to the group. Dr. Lund left the board on 9 May 2025.")
    assert [e["date"] for e in found] == ["2025-03-03", "2025-05-09"]
    assert found[0]["text"].endswith("to the group.") and found[1]["text"].startswith("Dr. Lund left")


def test_a_pdf_pages_number_and_footer_are_not_dates_but_its_dates_are(tmp_path):
    from explorer.ingest.extract import extract as extract_file
    from tests.fixtures import two_page_pdf

    pdf = two_page_pdf("DECISION OF THE BOARD IN CASE F/2025/004",
                       "12. On 3 February 2025 Korvo agreed to buy Brightwater. The Board sent a statement of "
                       "objections on 6 May 2025.\n\nPage 2 of 2")
    got = extract_file(pdf, "decision.pdf")[0]
    body = "\n\f\n".join("\n".join(" ".join(b.split()) for b in page.split("\n\n") if b.strip()) for page in got.pages)
    doc = Document(id="decision", title=got.title, kind=DOCUMENT, path=tmp_path, source_url=None, date="2025-06-17",
                   text=body, meta={"paged": True})
    records = [r for rs in extract(split_document(doc)) for r in rs]
    assert sorted(r["date"] for r in records) == ["2025-02-03", "2025-05-06"]


# --- a story's events ---------------------------------------------------------------------------

def text_document(tmp_path, doc_id, date, paragraphs, url=None):
    return Document(id=doc_id, title=paragraphs[0], kind=DOCUMENT, path=tmp_path, source_url=url, date=date,
                    text="\n".join(paragraphs))


def fake_story(tmp_path, documents, shipped=(), writable=True):
    database = db.open_database(f"sqlite:///{tmp_path / 'reviews.sqlite'}") if writable else None
    reviews = Reviews("desk", database, list(shipped))
    return SimpleNamespace(documents=documents, layer_cache=LayerCache(tmp_path / "layers.sqlite"), reviews=reviews,
                           writable=writable, document=lambda i: next((d for d in documents if d.id == i), None))


DECISION = ["A fictional ruling of the Nordic Freight Board.",
            "On 3 February 2025 Korvo Holdings agreed to acquire all the shares of Brightwater for $900 million.",
            "The Board sent a statement of objections to Korvo on 6 May 2025."]
ARTICLE = ["A fictional news report.",
           "Korvo Holdings agreed in February to acquire the shares of Brightwater, a deal worth $900 million.",
           "Shares of Korvo rose 3% on Wednesday in Oslo trading."]


def test_one_event_reported_by_two_documents_is_one_event_with_two_sources(tmp_path):
    story = fake_story(tmp_path, [text_document(tmp_path, "ruling", "2025-06-17", DECISION),
                                  text_document(tmp_path, "report", THURSDAY, ARTICLE)])
    found = events_of(story)
    deal = [e for e in found if "acquire" in e["text"]]
    assert len(deal) == 1
    assert deal[0]["date"] == "2025-02-03" and deal[0]["precision"] == "day"
    assert sorted(s["doc"] for s in deal[0]["sources"]) == ["report", "ruling"]
    where = {d.id: next(p.locator for p in split_document(d) if "acquire" in p.text) for d in story.documents}
    assert {(s["doc"], s["locator"]) for s in deal[0]["sources"]} == set(where.items())
    assert len(found) == 3  # the objections and the shares stay events of their own


def test_adding_a_document_extracts_only_its_passages(tmp_path):
    seen = []
    import explorer.analysis.events.layer as layer

    original = layer.extract
    layer.extract = lambda passages: (seen.extend(p.id for p in passages), original(passages))[1]
    try:
        first = [text_document(tmp_path, "ruling", "2025-06-17", DECISION)]
        events_of(fake_story(tmp_path, first))
        seen.clear()
        events_of(fake_story(tmp_path, first + [text_document(tmp_path, "report", THURSDAY, ARTICLE)]))
    finally:
        layer.extract = original
    assert seen and all(pid.startswith("report:") for pid in seen)


def test_confirm_correct_reject_and_add_are_decisions_over_an_unchanged_derived_layer(tmp_path):
    docs = [text_document(tmp_path, "ruling", "2025-06-17", DECISION), text_document(tmp_path, "report", THURSDAY, ARTICLE)]
    story = fake_story(tmp_path, docs)
    before = events_of(story)
    deal, objections, shares = (next(e for e in before if word in e["text"]) for word in ("acquire", "objections", "Shares"))
    review_event(story, deal, "confirm", "Ana Berg")
    review_event(story, objections, "correct", "Ana Berg", date="2025-05-07", precision="day", kind="regulatory")
    review_event(story, shares, "reject", "Ana Berg")
    source = split_document(docs[0])[0]
    add_event(story, source, "Ana Berg", "2025-06", "month", "Korvo and Brightwater meet the Board.")
    timeline = timeline_of(story)
    by_id = {e["id"]: e for e in timeline.events}
    assert by_id[deal["id"]]["review"] == "confirmed"
    assert by_id[objections["id"]]["date"] == "2025-05-07" and by_id[objections["id"]]["review"] == "corrected"
    assert shares["id"] not in by_id and [e["id"] for e in timeline.rejected] == [shares["id"]]
    added = [e for e in timeline.events if e["origin"] == "added"]
    assert added and added[0]["sources"][0]["passage"] == source.id
    assert timeline.counts_sentence() == "3 events extracted, 3 confirmed, 1 rejected"
    assert events_of(story) == before


def test_a_correction_with_a_bad_date_is_refused_with_a_fix(tmp_path):
    story = fake_story(tmp_path, [text_document(tmp_path, "ruling", "2025-06-17", DECISION)])
    event = events_of(story)[0]
    with pytest.raises(ReviewError) as error:
        review_event(story, event, "correct", "Ana Berg", date="2025-13-40", precision="day")
    assert "YYYY-MM-DD" in error.value.fix


def test_a_read_only_story_takes_no_decision(tmp_path):
    story = fake_story(tmp_path, [text_document(tmp_path, "ruling", "2025-06-17", DECISION)], writable=False)
    with pytest.raises(ReviewError):
        review_event(story, events_of(story)[0], "confirm", "Ana Berg")


def test_curated_events_are_confirmed_and_the_extracted_ones_they_hold_are_matched(tmp_path):
    row = {"id": "korvo-buys", "date": "2025-02-03", "date_precision": "day", "type": "investment",
           "actor": "Korvo Holdings", "counterparty": "Brightwater", "title": "Korvo agrees to acquire Brightwater",
           "description": "Korvo agrees to buy Brightwater.", "source_urls": "https://example.org/a"}
    shipped = [Decision("events", "korvo-buys", "confirm", row, "maintainers", "2025-07-01", origin="shipped")]
    story = fake_story(tmp_path, [text_document(tmp_path, "ruling", "2025-06-17", DECISION)], shipped, writable=False)
    timeline = timeline_of(story)
    curated = [e for e in timeline.events if e["origin"] == "curated"]
    assert [e["id"] for e in curated] == ["korvo-buys"] and curated[0]["review"] == "confirmed"
    matched = {e["text"][:20]: e["matches"] for e in timeline.events if e["origin"] == "extracted"}
    assert matched == {"On 3 February 2025 K": "korvo-buys", "The Board sent a sta": None}


def test_exports_carry_each_events_sources_and_citation(tmp_path):
    story = fake_story(tmp_path, [text_document(tmp_path, "ruling", "2025-06-17", DECISION, url="https://example.org/r"),
                                  text_document(tmp_path, "report", THURSDAY, ARTICLE)])
    shown = timeline_of(story).events
    published = to_timelinejs(shown, "Korvo and Brightwater")
    deal = next(s for s in published["events"] if "acquire" in s["text"]["headline"])
    assert deal["start_date"] == {"year": 2025, "month": 2, "day": 3} and deal["group"]
    ruling, report = (next(p for p in split_document(d) if "acquire" in p.text) for d in story.documents)
    assert f"{ruling.title}, {ruling.locator} (https://example.org/r)" in deal["text"]["text"]
    assert f"{report.title}, {report.locator}" in deal["text"]["text"]
    csv_text = to_csv(shown)
    assert csv_text.splitlines()[0].startswith("id,date,precision,kind,text") and ruling.id in csv_text
    json.dumps(published)


# --- the labelled set's figures are computed, not assumed -------------------------------------

def test_a_planted_label_error_moves_the_figures():
    from explorer.bench.events_eval import score, statements
    from explorer.bench.labelled_docs import load_labels

    labels = load_labels("fiction")
    records = statements("fiction", labels)
    honest = score(records, labels)
    planted = copy.deepcopy(labels)
    for event in planted["events"][:4]:
        event["date"] = "1999"  # dates nobody wrote
    broken = score(records, planted)
    assert broken.recalled == honest.recalled - 4
    assert broken.correct < honest.correct
    moved = copy.deepcopy(labels)
    moved["events"][1]["sources"] = [{**s, "doc": "press-release"} for s in moved["events"][1]["sources"]]
    assert score(records, moved).recalled == honest.recalled - 1
