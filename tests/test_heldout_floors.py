"""Floors on the held-out labelled set (explorer/bench/data/heldout: three invented documents
labelled by reading, never used to tune a rule). Each floor sits a margin below the figure first
measured on it (BENCHMARKS.md), so a change that makes extraction worse on unseen text fails."""
import pytest

from explorer.bench.entities_eval import HELD_OUT_SETS, _prf, evaluate, labelled_sets
from explorer.bench.events_eval import score, statements
from explorer.bench.labelled_docs import load_labels

# measured with spaCy sm + rules: person 0.91, organisation 0.85, place 0.76, money, percent and
# date 1.00, mention-pair merging 0.96; events recall 0.90, precision 0.82, date precision 9/9
ENTITY_FLOORS = {"person": 0.80, "organisation": 0.75, "place": 0.65, "money": 0.90, "percent": 0.90, "date": 0.90}
MERGING_FLOOR = 0.88
EVENTS_RECALL_FLOOR, EVENTS_PRECISION_FLOOR, DATE_PRECISION_FLOOR = 0.80, 0.70, 0.85


@pytest.fixture(scope="module")
def entities():
    return evaluate(use_model=True, sets=labelled_sets(HELD_OUT_SETS))


@pytest.fixture(scope="module")
def events():
    labels = load_labels("heldout")
    return score(statements("heldout", labels), labels)


@pytest.mark.parametrize("kind", sorted(ENTITY_FLOORS))
def test_held_out_entity_f1_stays_above_its_floor(entities, kind):
    assert _prf(entities["types"][kind])[2] >= ENTITY_FLOORS[kind], entities["types"][kind]


def test_held_out_name_variants_merge_and_two_people_sharing_a_surname_stay_apart(entities):
    assert _prf(entities["pairs"])[2] >= MERGING_FLOOR
    assert entities["surnames_apart"] == [True]


def test_held_out_events_recall_precision_and_date_precision_stay_above_their_floors(events):
    assert events.recall >= EVENTS_RECALL_FLOOR, events.missed
    assert events.precision >= EVENTS_PRECISION_FLOOR, events.wrong
    assert events.precisions_right / events.kinds_judged >= DATE_PRECISION_FLOOR


def test_every_held_out_mention_is_placed_in_a_passage_or_a_heading(entities):
    assert entities["unplaced"] == 0
