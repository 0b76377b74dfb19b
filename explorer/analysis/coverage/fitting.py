"""Fitting the two tiers on reviewed items, and judging the fit honestly (leave one item out).

An example is one reviewed item of one reference list against one document: its pair scores
(one per paragraph, explorer.analysis.coverage.scoring) and what a person decided: per paragraph
1 (discusses it), 0 (does not) or -1 (not reviewed); the item is reviewed as discussed when any
paragraph is marked 1, as not discussed when its paragraphs were reviewed and none is.

Two numbers are fitted, each with one rule and nothing else fitted on the labels:
- the threshold, on the items' best scores: the cut that gets the most item verdicts right; among
  equally good cuts, the one farthest from any item's best score (the least fragile);
- the margin, on the items reviewed as discussed: the distance below an item's best paragraph
  within which a paragraph counts as evidence, chosen on a grid (MARGIN_GRID) to maximise pair F1
  over the reviewed pairs; among equally good margins, the middle one.

`cross_validate` judges every item with the two numbers fitted on the other items only, so no
fold sees its own item; its figures are the ones the page and the CLI quote.
"""

from dataclasses import dataclass, field

import numpy as np

MARGIN_GRID = np.round(np.arange(0.0, 0.3001, 0.005), 3)
UNREVIEWED = -1


@dataclass(frozen=True)
class Example:
    reference: str  # reference list id
    number: int  # item number
    scores: np.ndarray  # one per paragraph
    labels: np.ndarray  # per paragraph: 1, 0, or UNREVIEWED

    @property
    def discussed(self) -> bool | None:
        """The reviewed verdict (None: nothing about this item was reviewed)."""
        if (self.labels == 1).any():
            return True
        return False if (self.labels == 0).any() else None

    @property
    def best(self) -> float:
        return float(self.scores.max()) if len(self.scores) else float("-inf")


@dataclass(frozen=True)
class Fit:
    threshold: float
    margin: float
    items: int = 0  # items the fit was made on
    pairs: int = 0  # reviewed pairs it was made on


def fit_threshold(examples: list[Example]) -> float:
    judged = [e for e in examples if e.discussed is not None and len(e.scores)]
    if not judged:
        return float("inf")
    best = np.array([e.best for e in judged])
    truth = np.array([bool(e.discussed) for e in judged])
    values = np.unique(best)
    cuts = np.concatenate([[values[0] - 0.05], (values[1:] + values[:-1]) / 2, [values[-1] + 0.05]])
    right = np.array([int(((best >= c) == truth).sum()) for c in cuts])
    tied = cuts[right == right.max()]
    room = np.array([np.abs(best - c).min() for c in tied])
    return float(tied[int(np.argmax(room))])


def evidence_of(scores: np.ndarray, margin: float) -> np.ndarray:
    return scores >= scores.max() - margin if len(scores) else np.zeros(0, bool)


def fit_margin(examples: list[Example]) -> float:
    positives = [e for e in examples if e.discussed]
    if not positives:
        return float(MARGIN_GRID[0])
    f1 = []
    for margin in MARGIN_GRID:
        tp = fp = fn = 0
        for e in positives:
            chosen, known = evidence_of(e.scores, margin), e.labels != UNREVIEWED
            tp += int((chosen & (e.labels == 1)).sum())
            fp += int((chosen & known & (e.labels == 0)).sum())
            fn += int((~chosen & (e.labels == 1)).sum())
        f1.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    f1 = np.array(f1)
    tied = MARGIN_GRID[f1 >= f1.max() - 1e-12]
    return float(tied[len(tied) // 2])


def fit(examples: list[Example]) -> Fit:
    return Fit(fit_threshold(examples), fit_margin(examples), sum(e.discussed is not None for e in examples),
               sum(int((e.labels != UNREVIEWED).sum()) for e in examples))


@dataclass(frozen=True)
class HeldOut:
    """One item judged by the fit made without it."""
    reference: str
    number: int
    threshold: float
    margin: float
    best: float
    discussed: bool  # the model's verdict
    reviewed: bool | None  # the reviewed verdict
    tp: int
    fp: int
    fn: int
    top_reviewed: bool | None  # for an item both readings call discussed: is its top paragraph a reviewed one?


@dataclass
class CrossValidation:
    rows: list[HeldOut]
    folds: int = 0

    def of(self, reference: str | None = None) -> list[HeldOut]:
        return [r for r in self.rows if reference is None or r.reference == reference]

    def jitter(self) -> float:
        """Half the spread of the fold thresholds: how far the threshold moves when one item is left
        out. An item whose best score is closer than this to its threshold is borderline."""
        values = [r.threshold for r in self.rows]
        return (max(values) - min(values)) / 2 if values else float("nan")

    def borderline(self, row: HeldOut) -> bool:
        return abs(row.best - row.threshold) < self.jitter()

    def figures(self, reference: str | None = None) -> dict:
        rows = [r for r in self.of(reference) if r.reviewed is not None]
        tp, fp, fn = (sum(getattr(r, k) for r in rows) for k in ("tp", "fp", "fn"))
        tops = [r.top_reviewed for r in rows if r.top_reviewed is not None]
        thresholds = [r.threshold for r in self.rows]
        margins = [r.margin for r in self.rows]
        return {
            "items": len(rows), "verdicts_agreeing": sum(r.discussed == r.reviewed for r in rows),
            "reviewed_discussed": sum(bool(r.reviewed) for r in rows), "model_discussed": sum(r.discussed for r in rows),
            "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None,
            "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None,
            "top_evidence_reviewed": sum(tops), "top_evidence_judged": len(tops),
            "borderline": [r.number for r in rows if self.borderline(r)],
            "disagreeing": [r.number for r in rows if r.discussed != r.reviewed],
            "threshold_min": min(thresholds, default=None), "threshold_max": max(thresholds, default=None),
            "margin_min": min(margins, default=None), "margin_max": max(margins, default=None),
            "jitter": self.jitter()}


def cross_validate(examples: list[Example], fitter=fit) -> CrossValidation:
    """Leave one item out: each reviewed item judged by `fitter` on every other example."""
    rows = []
    for k, held in enumerate(examples):
        if held.discussed is None or not len(held.scores):
            continue
        model = fitter([e for i, e in enumerate(examples) if i != k])
        discussed = held.best >= model.threshold
        chosen = evidence_of(held.scores, model.margin) & discussed
        known = held.labels != UNREVIEWED
        top = None
        if discussed and held.discussed:
            top = bool(held.labels[int(np.argmax(held.scores))] == 1)
        rows.append(HeldOut(held.reference, held.number, model.threshold, model.margin, held.best, bool(discussed),
                            held.discussed, int((chosen & (held.labels == 1)).sum()),
                            int((chosen & known & (held.labels == 0)).sum()),
                            int((~chosen & (held.labels == 1)).sum()), top))
    return CrossValidation(rows, len(rows))
