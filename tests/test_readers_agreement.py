"""Two readers of the same pairs: the agreement figures follow the readings, and the shipped
second readings are readings of the bundled article (exact quotes, every item listed)."""

import json

import pytest

from explorer.analysis.coverage.agreement import readers_agreement, second_readings
from explorer.analysis.coverage.readings import Reading, shipped_readings
from tests.conftest import ROOT

CORPUS = ROOT / "corpus"
PARAGRAPHS = [f"doc:{n}" for n in range(1, 11)]


def reading(items: dict) -> Reading:
    return Reading("ref", "doc", {n: {f"doc:{p}" for p in ps} for n, ps in items.items()})


def test_identical_readings_agree_perfectly():
    a = readers_agreement(reading({1: [2, 3], 2: []}), reading({1: [2, 3], 2: []}), PARAGRAPHS)
    assert (a.pairs_read, a.both, a.first_only, a.second_only, a.items_agreeing) == (20, 2, (), (), 2)
    assert a.kappa == pytest.approx(1.0)


def test_one_extra_pair_lowers_kappa_and_is_named_and_a_new_item_changes_the_verdicts():
    first = reading({1: [2, 3], 2: []})
    extra = readers_agreement(first, reading({1: [2, 3, 4], 2: []}), PARAGRAPHS)
    assert extra.second_only == ((1, "doc:4"),) and extra.first_only == () and extra.both == 2
    assert 0 < extra.kappa < 1 and extra.items_agreeing == 2
    new_item = readers_agreement(first, reading({1: [2, 3], 2: [7]}), PARAGRAPHS)
    assert new_item.items_agreeing == 1 and new_item.second_only == ((2, "doc:7"),)
    # Cohen's kappa by hand for the extra pair: observed 19/20, each reader's rate 2/20 and 3/20.
    expected = 0.1 * 0.15 + 0.9 * 0.85
    assert extra.kappa == pytest.approx((0.95 - expected) / (1 - expected))


def test_pairs_outside_the_document_and_items_only_one_reader_listed_are_not_counted():
    a = readers_agreement(reading({1: [2], 3: [5]}), Reading("ref", "doc", {1: {"doc:2", "other:9"}}), PARAGRAPHS)
    assert (a.items, a.pairs_read, a.both, a.second_only) == (1, 10, 1, ())


def test_the_shipped_second_readings_read_the_same_pairs_as_the_first_with_exact_quotes(engine):
    second = {(r.reference, r.document): r for r in second_readings(CORPUS)}
    first = {(r.reference, r.document): r for r in shipped_readings(CORPUS)}
    assert second and set(second) <= set(first)
    texts = {p.id: p.text for p in engine.passages}
    for key, r in second.items():
        assert set(r.items) == set(first[key].items), key
        for (number, pid), note in r.notes.items():
            assert note["quote"] and note["quote"] in texts[pid], (key, number, pid)


def test_the_agreement_in_the_compare_json_is_the_one_the_files_give(engine):
    """Counted again from the raw files, not through the explorer's reader."""
    from explorer.analysis.coverage.study import compare_in_story

    comparison = compare_in_story(None, engine, engine, "article", "principles")
    marks = lambda path: {(e["number"], p["passage"]) for e in json.loads(path.read_text())["principle_pairs"]
                          for p in e["paragraphs"]}
    a, b = marks(CORPUS / "reviews" / "coverage_review.json"), marks(CORPUS / "reviews" / "second" / "coverage_review.json")
    shown = comparison.to_dict()["second_reading"]
    assert shown["both"] == len(a & b)
    assert {(p["item"], p["passage"]) for p in shown["second_only"]} == b - a
    assert {(p["item"], p["passage"]) for p in shown["first_only"]} == a - b
    assert shown["pairs_read"] == 11 * len(comparison.scored.passage_ids)
