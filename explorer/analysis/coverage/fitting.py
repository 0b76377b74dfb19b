"""Fitting the two tiers on reviewed items, and judging the fit honestly (leave one item out).

An example is one reviewed item of one reference list against one document: its pair scores
(one per paragraph, explorer.analysis.coverage.scoring) and what a person decided: per paragraph
1 (discusses it), 0 (does not) or -1 (not reviewed); the item is reviewed as discussed when any
paragraph is marked 1, as not discussed when its paragraphs were reviewed and none is.

Two numbers are fitted, each with one rule and nothing else fitted on the labels:
- the threshold, on the items' best scores: the cut that gets the most item verdicts right; among
  equally good cuts, the middle one;
- the evidence floor, on the paragraphs of the items reviewed as discussed: the score at or above
  which a paragraph of a discussed item counts as its evidence (its best paragraph always does),
  the cut that maximises pair F1 over the reviewed pairs.

Both cuts sit in the middle of a gap between two labelled scores at least MIN_ROOM wide, and among
equally good cuts the middle one is taken: a score that moves by the int8 model's rounding on
another CPU (about 1e-3) cannot cross a cut unless it was already that close to one, which
`CrossValidation.borderline` reports. (A floor replaced a margin below the item's best paragraph:
the reviewed reading keeps every paragraph that discusses an item however far below the best one
it is; on the bundled story's 41 reviewed items the held-out pair F1 went from 0.23 to 0.29, and
to 0.38 with the room rule: BENCHMARKS.md.)

`cross_validate` judges every item with the two numbers fitted on the other items only, so no
fold sees its own item; its figures are the ones the page and the CLI quote.
"""

from dataclasses import dataclass

import numpy as np

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
    floor: float  # the evidence floor
    items: int = 0  # items the fit was made on
    pairs: int = 0  # reviewed pairs it was made on


def _cuts(values: np.ndarray) -> np.ndarray:
    """Candidate cuts: below all, between each two neighbouring distinct values, above all."""
    values = np.unique(values)
    return np.concatenate([[values[0] - 0.05], (values[1:] + values[:-1]) / 2, [values[-1] + 0.05]])


MIN_ROOM = 0.005  # five times the int8 model's rounding between CPUs (about 1e-3)


def _safest(cuts: np.ndarray, goodness: np.ndarray, values: np.ndarray) -> float:
    """The middle one of the cuts of best goodness (ties within 1e-9), in order. A cut closer than
    MIN_ROOM to a labelled value is not a candidate (unless no cut has that room): two scores that
    close are one score as far as another machine's rounding is concerned. The middle of the tied
    cuts, not the one farthest from any value, because which cuts are tied cannot change under
    rounding smaller than MIN_ROOM, while which one is farthest can."""
    room = np.array([np.abs(values - c).min() for c in cuts])
    roomy = room >= MIN_ROOM
    if roomy.any():
        cuts, goodness = cuts[roomy], goodness[roomy]
    tied = cuts[goodness >= goodness.max() - 1e-9]
    return float(tied[(len(tied) - 1) // 2])


def fit_threshold(examples: list[Example]) -> float:
    judged = [e for e in examples if e.discussed is not None and len(e.scores)]
    if not judged:
        return float("inf")
    best = np.array([e.best for e in judged])
    truth = np.array([bool(e.discussed) for e in judged])
    cuts = _cuts(best)
    right = np.array([int(((best >= c) == truth).sum()) for c in cuts], dtype=float)
    return _safest(cuts, right, best)


def evidence_of(scores: np.ndarray, floor: float) -> np.ndarray:
    """The paragraphs at or above the floor, and always the best one."""
    if not len(scores):
        return np.zeros(0, bool)
    return scores >= min(floor, float(scores.max()))


def _pair_counts(examples, floor: float, best_too: bool = True) -> tuple[int, int, int]:
    tp = fp = fn = 0
    for e in examples:
        chosen = evidence_of(e.scores, floor) if best_too else e.scores >= floor
        known = e.labels != UNREVIEWED
        tp += int((chosen & (e.labels == 1)).sum())
        fp += int((chosen & known & (e.labels == 0)).sum())
        fn += int((~chosen & (e.labels == 1)).sum())
    return tp, fp, fn


def fit_floor(examples: list[Example]) -> float:
    """The cut over every reviewed paragraph of the items reviewed as discussed that best separates
    the paragraphs a person kept from those they did not (pair F1), as if it alone chose them."""
    positives = [e for e in examples if e.discussed and (e.labels != UNREVIEWED).any()]
    if not positives:
        return float("inf")  # no evidence beyond each item's best paragraph
    labelled = np.concatenate([e.scores[e.labels != UNREVIEWED] for e in positives])
    cuts = _cuts(labelled)
    f1 = []
    for cut in cuts:
        tp, fp, fn = _pair_counts(positives, cut, best_too=False)
        f1.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return _safest(cuts, np.array(f1), labelled)


def fit(examples: list[Example]) -> Fit:
    return Fit(fit_threshold(examples), fit_floor(examples), sum(e.discussed is not None for e in examples),
               sum(int((e.labels != UNREVIEWED).sum()) for e in examples))


@dataclass(frozen=True)
class HeldOut:
    """One item judged by the fit made without it."""
    reference: str
    number: int
    threshold: float
    floor: float
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
        floors = [r.floor for r in self.rows if np.isfinite(r.floor)]
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
            "floor_min": min(floors, default=None), "floor_max": max(floors, default=None),
            "jitter": self.jitter()}


def cross_validate(examples: list[Example], fitter=fit) -> CrossValidation:
    """Leave one item out: each reviewed item judged by `fitter` on every other example."""
    rows = []
    for k, held in enumerate(examples):
        if held.discussed is None or not len(held.scores):
            continue
        model = fitter([e for i, e in enumerate(examples) if i != k])
        discussed = held.best >= model.threshold
        chosen = evidence_of(held.scores, model.floor) & discussed
        known = held.labels != UNREVIEWED
        top = None
        if discussed and held.discussed:
            top = bool(held.labels[int(np.argmax(held.scores))] == 1)
        rows.append(HeldOut(held.reference, held.number, model.threshold, model.floor, held.best, bool(discussed),
                            held.discussed, int((chosen & (held.labels == 1)).sum()),
                            int((chosen & known & (held.labels == 0)).sum()),
                            int((~chosen & (held.labels == 1)).sum()), top))
    return CrossValidation(rows, len(rows))
