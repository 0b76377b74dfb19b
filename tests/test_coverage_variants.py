"""The per-item verdict study (explorer/bench/coverage_variants.py) on planted scores, no model: its
variants judge what they say they judge, and its leave-one-out never lets an item judge itself."""

import numpy as np

from explorer.analysis.coverage import fitting
from explorer.bench import coverage_variants as cv


def item(number, scores, labels):
    return fitting.Example("planted", number, np.array(scores, dtype=float), np.array(labels))


# discussed items stand out from their own paragraphs; the undiscussed ones are uniformly fairly high
STANDS_OUT = [item(1, [0.50, 0.10, 0.12, 0.08], [1, 0, 0, 0]), item(2, [0.52, 0.15, 0.10, 0.11], [1, 0, 0, 0]),
              item(3, [0.48, 0.12, 0.09, 0.10], [1, 0, 0, 0])]
UNIFORM = [item(4, [0.55, 0.50, 0.52, 0.51], [0, 0, 0, 0]), item(5, [0.53, 0.49, 0.50, 0.51], [0, 0, 0, 0]),
           item(6, [0.57, 0.52, 0.55, 0.50], [0, 0, 0, 0])]


def test_an_item_is_judged_against_its_own_background_by_the_normalised_variants():
    examples = STANDS_OUT + UNIFORM
    raw = cv.figures(cv.leave_one_out("raw", examples, {}))
    for name in ("A", "D"):
        f = cv.figures(cv.leave_one_out(name, examples, {}))
        assert f["agreeing"] == 6, (name, f)
    assert raw["agreeing"] < 6, raw  # one raw cut cannot separate these


def test_the_unrelated_background_variant_reads_the_items_background_scores():
    examples = [item(1, [0.5, 0.1], [1, 0]), item(2, [0.5, 0.1], [0, 0])]
    background = {("planted", 1): np.array([0.1, 0.2, 0.1]), ("planted", 2): np.array([0.5, 0.6, 0.5])}
    assert cv.feature("B", examples[0], background) > cv.feature("B", examples[1], background)


def test_no_held_out_item_is_in_its_own_training_set(monkeypatch):
    examples = STANDS_OUT + UNIFORM
    seen = []
    real = cv.fit_rule

    def spy(name, train, background):
        seen.append({e.number for e in train})
        return real(name, train, background)

    monkeypatch.setattr(cv, "fit_rule", spy)
    rows = cv.leave_one_out("C", examples, {})
    assert [r["number"] not in s and len(s) == 5 for r, s in zip(rows, seen)] == [True] * 6
