"""Names typed from their context and shape, found in headings, and merged across variants."""
import pytest

from explorer.analysis.entities.extract import mentions_in
from explorer.analysis.entities.index import build_index
from explorer.analysis.entities.merge import merge_names
from explorer.story.passages import Passage


def types_of(sentence):
    return {m["text"]: m["type"] for m in mentions_in([sentence], [None])[0]}


@pytest.mark.parametrize("sentence, name", [
    ("Fenwick reported that two funds had sold their shares.", "Fenwick"),
    ("Partnering with players like OpenAI is not the only route.", "OpenAI"),
    ("According to Brackley, the deal closes in May.", "Brackley"),
])
def test_a_name_that_speaks_or_is_shaped_like_a_brand_is_not_a_place(sentence, name):
    assert types_of(sentence).get(name, "organisation") != "place"


def test_a_byline_names_a_person():
    assert types_of("COPENHAGEN, Thursday 19 June 2025 — By Maja Thorsen").get("Maja Thorsen") == "person"


def test_a_known_city_the_model_reads_as_an_organisation_is_a_place():
    assert types_of("The decision was adopted on 17 June 2025 in Copenhagen").get("Copenhagen") == "place"


def _mention(text, kind, i, title=""):
    return {"text": text, "type": kind, "doc": "d", "order": (0, i, 0), "start": 0, "end": len(text), "title": title}


def test_initials_join_the_one_person_they_abbreviate_and_two_people_sharing_a_surname_stay_apart():
    names = [("Tomas Brandt", "Dr"), ("T. Brandt", ""), ("Elin Brandt", ""), ("Jean-Paul Moreau", ""),
             ("J.P. Moreau", ""), ("E. Moreau", "")]
    groups = merge_names([_mention(t, "person", i, title) for i, (t, title) in enumerate(names)])
    together = sorted(sorted(m["text"] for m in g) for g in groups)
    assert ["T. Brandt", "Tomas Brandt"] in together and ["J.P. Moreau", "Jean-Paul Moreau"] in together
    assert ["Elin Brandt"] in together and ["E. Moreau"] in together


def test_an_acronym_defined_in_brackets_joins_its_full_name():
    found = mentions_in(["The Halden Ports Agency (HPA) opened a review. The HPA said it would report."], [None])[0]
    groups = merge_names([dict(m, doc="d", order=(0, 0, m["start"])) for m in found if m["type"] == "organisation"])
    assert any({"Halden Ports Agency", "HPA"} <= {m["text"] for m in g} for g in groups)


def _passage(n, section, text):
    return Passage(id=f"d:{n}", doc="d", title="Fiction", kind="document", section=section, locator=f"¶{n}",
                   text=text, principle=None, source_url=None, position=n, date="2025-06-19")


def test_a_heading_mention_is_counted_once_on_the_first_passage_under_it_and_a_running_header_never():
    from explorer.analysis.entities.extract import extract

    passages = [_passage(1, "Brackwater Mining Ltd buys Olsen Freight", "The deal was signed on Monday."),
                _passage(2, "Brackwater Mining Ltd buys Olsen Freight", "It closes in July."),
                _passage(3, "Harbour Board | Case 12/2025 | Public version", "The board met in Oslo.")]
    index = build_index(passages, dict(zip([p.id for p in passages], extract(passages))))
    heading = [(m.passage, m.text) for ms in index.by_passage.values() for m in ms if m.field == "section"]
    assert ("d:1", "Brackwater Mining Ltd") in heading
    assert not any(pid == "d:2" for pid, _ in heading)
    assert not any(pid == "d:3" for pid, _ in heading)


def test_vague_or_unanchored_relative_phrases_give_no_date():
    from explorer.analysis.events.dates import find_dates
    from explorer.analysis.figures import find_figures
    import datetime

    reference = datetime.date(2026, 3, 12)
    for phrase in ("He started it two decades ago.", "It began many years ago.", "They met a few years ago."):
        assert find_dates(phrase, reference) == [], phrase
        assert [f for f in find_figures(phrase, reference) if f.kind == "date"] == [], phrase
    unanchored = find_dates("It was founded fourteen years ago.", None)
    assert [m.value for m in unanchored] == [None]
    anchored = find_dates("It was founded fourteen years ago.", reference)
    assert [(m.value, m.precision) for m in anchored] == [("2012", "year")]


def test_one_event_far_from_the_rest_is_left_out_of_the_charts_span_and_named():
    import pandas as pd

    from explorer.analysis.events.frame import focus_range

    days = ["2011-05-01", "2025-02-03", "2025-03-14", "2025-04-22", "2025-06-17"]
    frame = pd.DataFrame({"id": [f"e{i}" for i in range(len(days))], "period_start": pd.to_datetime(days),
                          "period_end": pd.to_datetime(days)})
    first, last, left_out = focus_range(frame)
    assert left_out == ["e0"] and str(first) == "2025-02-03" and str(last) == "2025-06-17"
    assert focus_range(frame.iloc[1:]) is None  # no outlier: the chart keeps the data's own span


def test_an_entity_is_named_by_its_given_names_rather_than_its_initials():
    from explorer.analysis.entities.merge import canonical_name

    group = [_mention("J.P. Moreau", "person", 0), _mention("J.P. Moreau", "person", 1),
             _mention("Jean-Paul Moreau", "person", 2)]
    assert canonical_name(group) == "Jean-Paul Moreau"
