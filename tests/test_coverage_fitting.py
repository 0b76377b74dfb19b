"""Fitting the coverage method's two cuts: mid-gap, with room for another machine's rounding, and an
evidence floor that keeps every paragraph a person would. Planted scores, no model."""

import numpy as np

from explorer.analysis.coverage import fitting
from explorer.analysis.coverage.scoring import decide


def item(number, scores, labels):
    return fitting.Example("planted", number, np.array(scores, dtype=float), np.array(labels))


def test_the_threshold_sits_in_the_middle_of_the_gap():
    examples = [item(1, [0.6, 0.1], [1, 0]), item(2, [0.4, 0.2], [0, 0])]
    assert fitting.fit_threshold(examples) == 0.5


def test_no_cut_falls_between_two_scores_closer_than_the_rounding_room():
    # 0.5000 (discussed) and 0.5009 (not): a cut between them would be flipped by 0.001 of rounding
    examples = [item(1, [0.70], [1]), item(2, [0.5000], [1]), item(3, [0.5009], [0]), item(4, [0.30], [0])]
    threshold = fitting.fit_threshold(examples)
    bests = np.array([e.best for e in examples])
    assert np.abs(bests - threshold).min() >= fitting.MIN_ROOM
    for shift in (-0.001, 0.001):  # another CPU's rounding moves no verdict
        assert ((bests + shift) >= threshold).tolist() == (bests >= threshold).tolist()


def test_the_evidence_floor_keeps_kept_paragraphs_far_below_the_best():
    examples = [item(1, [0.70, 0.45, 0.10], [1, 1, 0]), item(2, [0.60, 0.44, 0.20], [1, 1, 0]),
                item(3, [0.30, 0.25], [0, 0])]
    model = fitting.fit(examples)
    assert 0.20 < model.floor < 0.44
    discussed, evidence = decide(np.vstack([examples[0].scores, examples[1].scores]), model.threshold, model.floor)
    assert discussed.tolist() == [True, True]
    assert evidence.tolist() == [[True, True, False], [True, True, False]]


def test_a_discussed_item_always_has_its_best_paragraph_as_evidence():
    discussed, evidence = decide(np.array([[0.55, 0.2], [0.1, 0.2]]), threshold=0.5, floor=0.9)
    assert discussed.tolist() == [True, False]
    assert evidence.tolist() == [[True, False], [False, False]]
