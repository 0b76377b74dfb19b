"""The labelled set's figures are computed honestly: a planted error in the labels moves them."""
import copy

import pytest

from explorer.bench.entities_eval import _prf, evaluate, labelled_sets


@pytest.fixture(scope="module")
def sets():
    return labelled_sets()


@pytest.fixture(scope="module")
def baseline(sets):
    return evaluate(use_model=False, sets=sets)


def planted(sets, change):
    changed = copy.deepcopy(sets)
    change(changed[0][0])
    return evaluate(use_model=False, sets=changed)


def test_every_labelled_set_has_passages(sets):
    assert [len(passages) > 0 for _, passages in sets] == [True, True]


def test_an_entity_removed_from_the_labels_lowers_precision(sets, baseline):
    def drop(labels):
        labels["entities"] = [e for e in labels["entities"] if e["id"] != "halvard-systems"]

    moved = planted(sets, drop)
    assert _prf(moved["types"]["organisation"])[0] < _prf(baseline["types"]["organisation"])[0]


def test_a_wrong_amount_in_the_labels_lowers_recall(sets, baseline):
    def misvalue(labels):
        amount = next(e for e in labels["entities"] if e["id"].startswith("eur-15") or e.get("value") == 15000000)
        amount["value"] = 16000000

    moved = planted(sets, misvalue)
    assert moved["types"]["money"]["tp"] < baseline["types"]["money"]["tp"]


def test_two_people_labelled_as_one_lowers_merging_recall(sets, baseline):
    def conflate(labels):
        for e in labels["entities"]:
            if e["id"] == "anders-lund":
                e["id"] = "karin-lund"

    moved = planted(sets, conflate)
    assert _prf(moved["pairs"])[1] < _prf(baseline["pairs"])[1]
