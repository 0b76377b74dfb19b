"""Dates at their real precision, and the date a document states in its dateline.

A quarter ("in the third quarter of 2025", "Q3 2025") or a half ("H1 2026") is a date at quarter
or half precision everywhere a date is read, sorted, merged, shown and exported; a dateline
("HARLOW BAY, 4 November 2025 —") or a letter's date line gives an uploaded document its date, so
its relative dates resolve. The texts are fiction written for these tests (invented companies,
people and places)."""

import datetime
import json

import pytest

from explorer.analysis.events.export import end_date, start_date, to_csv, to_timelinejs
from explorer.analysis.events.extract import extract, resolve_document
from explorer.analysis.events.frame import timeline_frame
from explorer.analysis.events.merge import can_be_same_date, merge
from explorer.analysis.events.review import check_date
from explorer.analysis.figures import describe, find_figures, same_figure
from explorer.dates import compatible, day_range, find_dates, label, precision_of
from explorer.ingest.extract import extract as extract_file
from explorer.ingest.extract.dates import stated_date
from explorer.story.corpus import Document
from explorer.story.passages import DOCUMENT, Passage, split_document
from explorer.story.reviews import ReviewError

REFERENCE = datetime.date(2025, 11, 6)


def passage(text, date="2025-11-06", pid="doc:1", doc="doc", position=0):
    return Passage(id=pid, doc=doc, title="A fictional filing", kind=DOCUMENT, section="", locator="¶1", text=text,
                   principle=None, source_url=None, position=position, date=date)


def events(*texts, date="2025-11-06"):
    passages = [passage(t, date, pid=f"doc:{i}", position=i) for i, t in enumerate(texts)]
    return resolve_document([r for rs in extract(passages) for r in rs])


@pytest.mark.parametrize("sentence, value, precision", [
    ("Tarnby Foods expects to close the sale in the third quarter of 2026.", "2026-Q3", "quarter"),
    ("Tarnby Foods expects to close the sale in the third quarter.", "2025-Q3", "quarter"),
    ("Tarnby Foods opened two bakeries in the fourth quarter of last year.", "2024-Q4", "quarter"),
    ("Tarnby Foods will open the Ostvik plant in Q2 2026.", "2026-Q2", "quarter"),
    ("Tarnby Foods launched its oat range in Q1 '25.", "2025-Q1", "quarter"),
    ("Tarnby Foods plans to list its shares in H1 2026.", "2026-H1", "half"),
    ("Tarnby Foods will move its head office in the second half of 2026.", "2026-H2", "half"),
    ("Tarnby Foods cut its prices in the first half.", "2025-H1", "half"),
])
def test_a_quarter_or_a_half_is_a_date_at_that_precision(sentence, value, precision):
    assert [(m.value, m.precision) for m in find_dates(sentence, REFERENCE)] == [(value, precision)]


@pytest.mark.parametrize("sentence", [
    "Tarnby Foods sold more Audi Q3 cars to its drivers.",
    "Mr. Holm scored twice in the first half of the match.",
    "Tarnby Foods grew fast in the first half of the decade.",
])
def test_a_car_model_or_the_half_of_a_match_is_not_a_date(sentence):
    assert find_dates(sentence, REFERENCE) == []


def test_a_quarter_covers_its_three_months_and_a_half_its_six():
    assert day_range("2025-Q3") == (datetime.date(2025, 7, 1), datetime.date(2025, 9, 30))
    assert day_range("2026-H1") == (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    assert precision_of("2025-Q4") == "quarter" and precision_of("2025-H2") == "half"
    assert precision_of("2025-Q5") is None and precision_of("2025-H3") is None
    with pytest.raises(ValueError):
        day_range("2025-07", "quarter")


def test_a_quarter_can_be_a_month_or_a_day_inside_it_and_no_other():
    assert compatible("2025-Q3", "2025-07") and compatible("2025-08-14", "2025-Q3")
    assert not compatible("2025-Q3", "2025-06") and not compatible("2025-Q3", "2025-10-01")
    assert compatible("2025", "2025-Q3") and compatible("2025-H2", "2025-Q4")
    assert not compatible("2025-H1", "2025-Q3")
    assert can_be_same_date("2025-Q3", "2025-09-30") and not can_be_same_date("2025-Q2", "2025-09-30")


def test_a_quarter_is_written_as_people_write_it():
    assert label("2025-Q3") == "Q3 2025" and label("2026-H1") == "H1 2026"
    figure = [f for f in find_figures("Revenue rose in the third quarter of 2025.", REFERENCE) if f.kind == "date"][0]
    assert (figure.value, figure.precision, describe(figure)) == ("2025-Q3", "quarter", "Q3 2025")
    september = [f for f in find_figures("It was sold on 3 September 2025.", REFERENCE) if f.kind == "date"][0]
    june = [f for f in find_figures("It was sold on 3 June 2025.", REFERENCE) if f.kind == "date"][0]
    assert same_figure(figure, september) and not same_figure(figure, june)


def test_an_event_in_a_quarter_sorts_by_its_first_day_and_spans_the_quarter_on_the_timeline():
    records = events("Tarnby Foods signed the lease for its Ostvik plant on 3 June 2025.",
                     "Tarnby Foods expects the Ostvik plant to open in the third quarter.",
                     "Tarnby Foods will announce its new chief executive on 14 October 2025.")
    assert [(r["date"], r["precision"]) for r in records] == [("2025-06-03", "day"), ("2025-Q3", "quarter"),
                                                              ("2025-10-14", "day")]
    timeline = [{**e, "id": f"e{i}", "origin": "extracted", "review": "extracted", "sources": []}
                for i, e in enumerate(reversed(records))]
    frame = timeline_frame(timeline)
    assert list(frame["date"]) == ["2025-06-03", "2025-Q3", "2025-10-14"]
    quarter = frame[frame["date"] == "2025-Q3"].iloc[0]
    assert (quarter["period_start"].date(), quarter["period_end"].date()) == (datetime.date(2025, 7, 1),
                                                                               datetime.date(2025, 9, 30))
    from ui.charts.timeline import events_figure

    assert events_figure(frame).data  # a quarter has its marker


def test_a_quarter_and_a_month_outside_it_are_not_merged_even_in_the_same_words():
    groups = merge(events("Tarnby Foods expects to complete the sale of Ostvik Mills in the third quarter.",
                          "Tarnby Foods expects to complete the sale of Ostvik Mills in June."))
    assert len(groups) == 2


def test_a_quarterly_figure_is_a_measurement_not_an_event():
    assert events("Tarnby Foods reported revenue of EUR 40 million in the third quarter of 2025.") == []


def test_the_exports_keep_a_quarter_at_its_precision():
    event = {"id": "q", "date": "2025-Q3", "precision": "quarter", "kind": "other", "review": "extracted",
             "text": "Tarnby Foods expects the Ostvik plant to open.", "sources": []}
    assert start_date(event) == {"year": 2025, "month": 7} and end_date(event) == {"year": 2025, "month": 9}
    slide = to_timelinejs([event], "Tarnby")["events"][0]
    assert slide["display_date"] == "Q3 2025" and slide["end_date"] == {"year": 2025, "month": 9}
    json.dumps(slide)
    row = to_csv([event]).splitlines()[1]
    assert row.startswith("q,2025-Q3,quarter,")
    assert "end_date" not in to_timelinejs([{**event, "date": "2025-07", "precision": "month"}], "T")["events"][0]


def test_a_reviewer_can_correct_a_date_to_a_quarter_written_in_its_form():
    check_date("2025-Q3", "quarter")
    check_date("2026-H1", "half")
    for value, precision in (("2025-07", "quarter"), ("2025-Q5", "quarter"), ("2025-Q3", "month")):
        with pytest.raises(ReviewError):
            check_date(value, precision)


# --- the date a document states in its dateline -------------------------------------------------

@pytest.mark.parametrize("text, day", [
    ("HARLOW BAY, 4 November 2025. Tarnby Foods today agreed to buy Ostvik Mills.", "2025-11-04"),
    ("Tarnby buys Ostvik\n\nHARLOW BAY, Tuesday 4 November 2025 — By Ines Varro\n\nTarnby Foods agreed.", "2025-11-04"),
    ("Harlow Bay and Ostvik, November 4, 2025\n\nTarnby Foods agreed to buy Ostvik Mills.", "2025-11-04"),
    ("HARLOW BAY (Tidewire), 4 November 2025 - Tarnby Foods agreed to buy Ostvik Mills.", "2025-11-04"),
    ("TARNBY FOODS\n\n2 Mill Lane, Harlow Bay\n\n4 November 2025\n\nDear Mr. Holm,\n\nWe write.", "2025-11-04"),
    ("Tarnby results\n\nPublished 4 November 2025\n\nTarnby Foods grew.", "2025-11-04"),
])
def test_a_dateline_or_a_date_line_is_the_documents_date(text, day):
    assert stated_date(text)[0] == day


@pytest.mark.parametrize("text", [
    "In Harlow Bay, 4 November 2025, the board of Tarnby Foods met.",
    "Tarnby Foods, 4 November 2025 was the day it signed.",
    "On 4 November 2025 Tarnby Foods agreed to buy Ostvik Mills.",
    "Tarnby Foods said its sales in the third quarter of 2025 grew.",
])
def test_a_date_in_a_sentence_is_not_the_documents_date(text):
    assert stated_date(text) is None


def test_a_dateline_comes_before_a_report_the_text_says_was_published_earlier():
    text = ("HARLOW BAY, 6 November 2025 — Tarnby Foods shares fell.\n\n"
            "The inspectors' report, published on 2 October 2025, found faults at Ostvik.")
    assert stated_date(text)[0] == "2025-11-06"


@pytest.mark.parametrize("name, body", [
    ("tarnby.txt", "FICTION: an invented release.\n\nHARLOW BAY, 6 November 2025. Tarnby Foods said last week "
                   "that it had agreed to buy Ostvik Mills. The board approved the purchase the next day."),
    ("tarnby.md", "# Tarnby buys Ostvik\n\n**HARLOW BAY, Thursday 6 November 2025** — By Ines Varro\n\n"
                  "Tarnby Foods said last week that it had agreed to buy Ostvik Mills. The board approved the "
                  "purchase the next day."),
    ("tarnby.html", "<html><body><main><h1>Tarnby buys Ostvik</h1><p>HARLOW BAY, 6 November 2025. Tarnby Foods "
                    "said last week that it had agreed to buy Ostvik Mills. The board approved the purchase the "
                    "next day.</p></main></body></html>"),
])
def test_an_uploaded_documents_relative_dates_resolve_against_its_dateline(name, body):
    extracted = extract_file(body.encode("utf-8"), name)[0]
    assert extracted.date == "2025-11-06"
    document = Document(id="tarnby", title=extracted.title, kind=DOCUMENT, path=None, source_url=None,
                        date=extracted.date, text=extracted.text, meta={})
    records = resolve_document([r for rs in extract(split_document(document)) for r in rs])
    dates = {r["date_text"]: (r["date"], r["precision"]) for r in records}
    assert dates["last week"] == ("2025-10", "month")  # the Thursday of the week before is 30 October


def test_a_dateline_cut_from_the_sentence_it_opens_is_not_an_event():
    records = events("HARLOW BAY, 6 November 2025. Tarnby Foods plc today agreed to buy Ostvik Mills Ltd.")
    assert [r["text"] for r in records] == ["Tarnby Foods plc today agreed to buy Ostvik Mills Ltd."]
    assert records[0]["date"] == "2025-11-06"


def test_two_acts_in_the_same_quarter_are_not_one_event_because_of_the_words_of_the_date():
    records = events("Tarnby Foods expects to close the purchase in the first quarter of 2026.",
                     "The Authority may open an in-depth investigation in the first quarter of 2026.")
    assert len(merge(records)) == 2
