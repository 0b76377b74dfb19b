"""Calibrating the coverage verdicts on reviewed (paragraph, principle) pairs.

Pure: numpy and the standard library only (no streamlit, no torch); the engine is only read.

The reviewed reading (corpus/reviews/coverage_review.json) says, for each of the 11 principles,
which article paragraphs discuss it. Every (principle, paragraph) pair is one example: 11 × 34
pairs, labelled 1 when the review lists the paragraph under the principle, else 0. The model
judges each pair from three features:

- ``paragraph``: topic-adjusted cosine of the paragraph and the principle (both embeddings minus
  the reference mean, see below);
- ``sentence``: the same for the paragraph's best sentence against the principle (so one
  sentence on the principle is not diluted by the rest of its paragraph); that sentence is the
  one highlighted as the supporting sentence;
- ``lexical``: the summed IDF of the principle's *specific* terms (terms found in at most
  SPECIFIC_MAX_PRINCIPLES of the 11 principle texts) that the paragraph contains.

Reference set. The mean embedding and the IDF are computed over a fixed set of documents
(REFERENCE_DOCS: the article and the principles), never over everything indexed, so adding other
documents (timeline events, fact-checks) to the index does not move a single score.

Fit. Features are standardised on the training pairs and averaged with equal weights (WEIGHTING;
a class-balanced logistic regression is available as an option), and one threshold is chosen on
the training pairs to maximise pair-level F1 (ties: the highest such threshold, placed halfway
between the two neighbouring scores). A pair is judged "discusses" when its score reaches the threshold; its
margin is score − threshold, in standard-score units.

Honesty. `lopo` judges each principle's pairs with a model fitted on the other ten principles'
pairs only (leave one principle out), so no threshold or weight is ever fitted on the labels it
is judged against; its figures (pair precision and recall, margins) are what the method text
quotes. The model the app uses is then fitted on all pairs; its agreement with the review is
in-sample and is labelled as such.
"""

import json
import math
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from explorer.errors import CorpusError
from explorer.text import terms_of
from explorer.embedding.vectors import unit_rows

REVIEW_FILE = Path("reviews") / "coverage_review.json"
ARTICLE, PRINCIPLES = "article", "principles"
REFERENCE_DOCS = (ARTICLE, PRINCIPLES)
FEATURES = ("paragraph", "sentence", "lexical")
SPECIFIC_MAX_PRINCIPLES = 2
L2 = 1.0
WEIGHTING = "equal"
"""How the three standardised features are combined. "equal" (the default) fits a single
parameter, the threshold, on the labels: the review has 10 positive pairs, too few to fit
weights as well (the "logistic" option does; its cross-validated figures are in BENCHMARKS.md
and were no better)."""
COVERED, PARTIAL, ABSENT = "covered", "partial", "absent"
COVERED_PARAGRAPHS = 2
"""Verdict from pairs: covered when at least this many paragraphs discuss the principle, partial
when exactly one does (a single passing mention), absent when none does. The same rule turns the
review's pairs and the model's pairs into verdicts."""


def verdict_from_pairs(paragraphs: int) -> str:
    if paragraphs >= COVERED_PARAGRAPHS:
        return COVERED
    return PARTIAL if paragraphs >= 1 else ABSENT


# --- the reviewed reading ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewedPair:
    principle: int
    passage: str
    quote: str
    rationale: str
    borderline: bool = False


@dataclass(frozen=True)
class NearMiss:
    principle: int
    passage: str
    rationale: str
    borderline: bool = False


@dataclass(frozen=True)
class Review:
    reviewer: str
    date: str
    method: str
    criterion: str
    numbers: tuple[int, ...]
    pairs: tuple[ReviewedPair, ...]
    near_misses: tuple[NearMiss, ...] = ()
    path: Path | None = None

    def positives(self) -> set[tuple[int, str]]:
        return {(p.principle, p.passage) for p in self.pairs}

    def paragraphs(self, number: int) -> list[ReviewedPair]:
        return [p for p in self.pairs if p.principle == number]

    def near(self, number: int) -> list[NearMiss]:
        return [n for n in self.near_misses if n.principle == number]

    def pair(self, number: int, passage_id: str) -> ReviewedPair | None:
        return next((p for p in self.pairs if p.principle == number and p.passage == passage_id), None)

    def labels(self, numbers, passage_ids) -> np.ndarray:
        """principles × paragraphs, 1 where the review says the paragraph discusses the principle."""
        found = self.positives()
        return np.array([[int((n, pid) in found) for pid in passage_ids] for n in numbers], dtype=int)

    def with_label(self, number: int, passage_id: str, discusses: bool, quote: str = "",
                   rationale: str = "planted") -> "Review":
        """A copy with one pair's label set (for tests and what-ifs); the file is not touched."""
        kept = tuple(p for p in self.pairs if (p.principle, p.passage) != (number, passage_id))
        if discusses:
            kept += (ReviewedPair(number, passage_id, quote, rationale),)
        return replace(self, pairs=kept)


def review_path(corpus_dir) -> Path:
    return Path(corpus_dir) / REVIEW_FILE


def load_review(path) -> Review:
    """The reviewed reading; `path` is the JSON file or the corpus folder that holds it."""
    path = Path(path)
    if path.is_dir():
        path = review_path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise CorpusError(path, "", f"cannot be read ({getattr(error, 'strerror', None) or error})") from error
    except json.JSONDecodeError as error:
        raise CorpusError(path, f"line {error.lineno}", f"not valid JSON ({error.msg})") from error
    try:
        numbers, pairs, near = _review_entries(raw)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        # a damaged review is a corpus fault: the pages say which file, never show a traceback
        raise CorpusError(path, "", f"not a coverage review ({type(error).__name__}: {error}); it needs "
                                    "'principle_pairs', each with a number and its paragraphs") from error
    return Review(reviewer=raw.get("reviewer", ""), date=raw.get("date", ""), method=raw.get("method", ""),
                  criterion=raw.get("criterion", ""), numbers=tuple(numbers), pairs=tuple(pairs),
                  near_misses=tuple(near), path=path)


def _review_entries(raw) -> tuple[list, list, list]:
    numbers, pairs, near = [], [], []
    for entry in raw["principle_pairs"]:
        number = int(entry["number"])
        numbers.append(number)
        for p in entry.get("paragraphs") or []:
            pairs.append(ReviewedPair(number, p["passage"], p["quote"], p["rationale"], bool(p.get("borderline"))))
        for n in entry.get("near_misses") or []:
            near.append(NearMiss(number, n["passage"], n["rationale"], bool(n.get("borderline"))))
    return numbers, pairs, near


def check_review(review: Review, texts: dict[str, str], numbers) -> list[str]:
    """Problems with the review against the passages it cites (empty when it is sound)."""
    problems = []
    expected = list(numbers)
    if sorted(review.numbers) != sorted(expected) or len(set(review.numbers)) != len(review.numbers):
        problems.append(f"principles reviewed {sorted(review.numbers)}, expected each of {expected} once")
    seen = set()
    for p in review.pairs:
        key = (p.principle, p.passage)
        if key in seen:
            problems.append(f"P{p.principle} {p.passage}: listed twice")
        seen.add(key)
        if p.passage not in texts:
            problems.append(f"P{p.principle} {p.passage}: no such passage")
        elif not p.quote or p.quote not in texts[p.passage]:
            problems.append(f"P{p.principle} {p.passage}: quote is not an exact substring: {p.quote!r}")
        if not p.rationale.strip():
            problems.append(f"P{p.principle} {p.passage}: no rationale")
    for n in review.near_misses:
        if n.passage not in texts:
            problems.append(f"P{n.principle} near miss {n.passage}: no such passage")
        if (n.principle, n.passage) in seen:
            problems.append(f"P{n.principle} {n.passage}: both discussed and a near miss")
    return problems


def quote_span(text: str, quote: str) -> tuple[int, int] | None:
    start = text.find(quote) if quote else -1
    return (start, start + len(quote)) if start >= 0 else None


# --- features ---------------------------------------------------------------------------------




@dataclass(frozen=True)
class Reference:
    """The fixed set every score is relative to: its mean embedding and its term IDF."""
    docs: tuple[str, ...]
    mean: np.ndarray
    idf: dict
    size: int


def reference(engine, docs=REFERENCE_DOCS) -> Reference:
    rows = [i for i, p in enumerate(engine.passages) if p.doc in docs]
    vectors = np.asarray(engine.vectors, dtype=np.float32)
    mean = vectors[rows].mean(axis=0) if rows else np.zeros(vectors.shape[1], np.float32)
    df = Counter(t for i in rows for t in set(terms_of(engine.passages[i].text)))
    size = len(rows)
    idf = {t: math.log(1 + (size - d + 0.5) / (d + 0.5)) for t, d in df.items()}
    return Reference(tuple(docs), mean, idf, size)


@dataclass
class PairFeatures:
    """Features of every (principle, paragraph) pair: values[i, j] is principle i × paragraph j."""
    numbers: list[int]
    passage_ids: list[str]
    values: np.ndarray  # principles × paragraphs × len(FEATURES)
    sentences: list  # [i][j]: (start, end) of paragraph j's best sentence for principle i, or None
    specific_terms: dict  # principle number -> sorted specific terms
    names: tuple[str, ...] = FEATURES

    def feature(self, name: str) -> np.ndarray:
        return self.values[:, :, self.names.index(name)]

    def flat(self) -> tuple[np.ndarray, np.ndarray]:
        """(X, groups): one row per pair, principle-major; groups holds each row's principle number."""
        n, m, f = self.values.shape
        return self.values.reshape(n * m, f), np.repeat(np.asarray(self.numbers), m)


def specific_terms(principle_texts: dict[int, str], max_principles: int = SPECIFIC_MAX_PRINCIPLES) -> dict[int, list[str]]:
    """Each principle's terms that at most `max_principles` of the principles use."""
    terms = {n: set(terms_of(t)) for n, t in principle_texts.items()}
    df = Counter(t for s in terms.values() for t in s)
    return {n: sorted(t for t in s if df[t] <= max_principles) for n, s in terms.items()}


def pair_features(engine, numbers, passage_ids, ref: Reference | None = None,
                  principle_doc: str = PRINCIPLES) -> PairFeatures:
    """Features of every pair of the given principles and passages (read from the engine's index)."""
    ref = ref or reference(engine)
    vectors = np.asarray(engine.vectors, dtype=np.float32)
    index = {p.id: i for i, p in enumerate(engine.passages)}
    principle_ids = [f"{principle_doc}:{n}" for n in numbers]
    # the principles' specific terms are defined over all the principles, not just those asked for
    all_principles = {p.principle if p.principle is not None else int(p.id.split(":")[1]): p.text
                      for p in engine.passages if p.doc == principle_doc}
    specifics = specific_terms(all_principles)
    P = unit_rows(vectors[[index[i] for i in principle_ids]] - ref.mean)
    A = unit_rows(vectors[[index[i] for i in passage_ids]] - ref.mean)
    values = np.zeros((len(numbers), len(passage_ids), len(FEATURES)), dtype=np.float64)
    values[:, :, 0] = P @ A.T
    sentences = [[None] * len(passage_ids) for _ in numbers]
    for j, pid in enumerate(passage_ids):
        spans, sv = engine.sentences_of(pid)
        S = unit_rows(np.asarray(sv, np.float32) - ref.mean)
        terms = set(terms_of(engine.passages[index[pid]].text))
        sims = P @ S.T  # principles × this paragraph's sentences
        for i, n in enumerate(numbers):
            best = int(np.argmax(sims[i]))
            values[i, j, 1] = float(sims[i, best])
            if len(spans) > 1:
                sentences[i][j] = tuple(spans[best])
            values[i, j, 2] = sum(ref.idf.get(t, 0.0) for t in specifics.get(n, ()) if t in terms)
    return PairFeatures(list(numbers), list(passage_ids), values, sentences, specifics)


# --- fitting ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PairModel:
    names: tuple[str, ...]
    center: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    threshold: float
    train_pairs: int = 0
    train_positives: int = 0

    def score(self, X) -> np.ndarray:
        X = np.asarray(X, dtype=np.float64)
        return ((X - self.center) / self.scale) @ self.weights

    def margin(self, X) -> np.ndarray:
        return self.score(X) - self.threshold

    def decide(self, X) -> np.ndarray:
        return self.margin(X) >= 0

    def weight_text(self) -> str:
        return ", ".join(f"{n} {w:.2f}" for n, w in zip(self.names, self.weights))


def logistic_weights(Z: np.ndarray, y: np.ndarray, l2: float = L2, iterations: int = 50) -> np.ndarray:
    """Class-balanced, L2-regularised logistic regression (Newton's method); returns the weights
    only (the intercept is fitted but not returned: the threshold replaces it)."""
    y = np.asarray(y, dtype=np.float64)
    n, f = Z.shape
    pos, neg = y.sum(), n - y.sum()
    if pos == 0 or neg == 0:
        return np.full(f, 1.0 / f)
    sample = np.where(y == 1, n / (2 * pos), n / (2 * neg))
    X = np.hstack([Z, np.ones((n, 1))])
    w = np.zeros(f + 1)
    penalty = np.full(f + 1, l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(X @ w)))
        grad = X.T @ (sample * (p - y)) + penalty * w
        hess = (X * (sample * p * (1 - p))[:, None]).T @ X + np.diag(penalty) + 1e-9 * np.eye(f + 1)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w[:-1]


def best_threshold(scores, y) -> float:
    """The threshold maximising F1 on these pairs (ties: the highest), halfway between neighbours."""
    scores = np.asarray(scores, dtype=np.float64)
    y = np.asarray(y, dtype=int)
    values = np.unique(scores)[::-1]  # distinct scores, high to low
    total = int(y.sum())
    best, best_f1 = None, -1.0
    for k, cut in enumerate(values):
        chosen = scores >= cut
        tp = int((chosen & (y == 1)).sum())
        f1 = 2 * tp / (int(chosen.sum()) + total) if total else 0.0
        if f1 > best_f1 + 1e-12:
            lower = values[k + 1] if k + 1 < len(values) else cut - 1.0
            best, best_f1 = (cut + lower) / 2, f1
    return float(best if best is not None else np.inf)


def fit(X, y, names=FEATURES, weighting: str = WEIGHTING, l2: float = L2) -> PairModel:
    """Standardise on these pairs, weight the features, pick the threshold: all from X and y only.

    weighting "equal": the score is the plain average of the standardised features and the
    threshold is the only parameter fitted on the labels; "logistic": the weights are fitted too.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=int)
    center = X.mean(axis=0)
    scale = X.std(axis=0)
    scale = np.where(scale == 0, 1.0, scale)
    Z = (X - center) / scale
    if weighting == "equal":
        weights = np.full(X.shape[1], 1.0 / X.shape[1])
    elif weighting == "logistic":
        weights = logistic_weights(Z, y, l2)
        total = np.abs(weights).sum()
        weights = weights / total if total else np.full(X.shape[1], 1.0 / X.shape[1])
    else:
        raise ValueError(f"unknown weighting {weighting!r}")
    threshold = best_threshold(Z @ weights, y)
    return PairModel(tuple(names), center, scale, weights, threshold, len(y), int(y.sum()))


# --- leave one principle out -------------------------------------------------------------------


@dataclass(frozen=True)
class HeldOut:
    principle: int
    row: int  # row of X
    label: int
    score: float
    threshold: float

    @property
    def margin(self) -> float:
        return self.score - self.threshold

    @property
    def decision(self) -> int:
        return int(self.margin >= 0)


@dataclass
class CVReport:
    """Leave-one-principle-out: every pair judged by a model fitted on the other principles only."""
    rows: list[HeldOut]
    folds: list[dict] = field(default_factory=list)  # principle, threshold, weights, train_pairs, train_positives

    def _count(self, label: int, decision: int) -> int:
        return sum(r.label == label and r.decision == decision for r in self.rows)

    @property
    def tp(self) -> int:
        return self._count(1, 1)

    @property
    def fp(self) -> int:
        return self._count(0, 1)

    @property
    def fn(self) -> int:
        return self._count(1, 0)

    @property
    def tn(self) -> int:
        return self._count(0, 0)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else float("nan")

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else float("nan")

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp + self.fp + self.fn else float("nan")

    def errors(self) -> list[HeldOut]:
        return [r for r in self.rows if r.decision != r.label]

    def positives(self) -> list[HeldOut]:
        return [r for r in self.rows if r.label == 1]

    def near(self, band: float) -> list[HeldOut]:
        """Held-out pairs whose score is within `band` of their fold's threshold."""
        return [r for r in self.rows if abs(r.margin) < band]

    def threshold_range(self) -> tuple[float, float]:
        values = [f["threshold"] for f in self.folds]
        return (min(values), max(values)) if values else (float("nan"), float("nan"))

    def decisions(self, principle: int) -> list[HeldOut]:
        return [r for r in self.rows if r.principle == principle]

    def verdicts(self) -> dict[int, tuple[str, str]]:
        """principle -> (reviewed verdict, held-out model verdict), both derived from pairs."""
        out = {}
        for fold in self.folds:
            rows = self.decisions(fold["principle"])
            out[fold["principle"]] = (verdict_from_pairs(sum(r.label for r in rows)),
                                      verdict_from_pairs(sum(r.decision for r in rows)))
        return out

    def verdict_agreement(self) -> int:
        return sum(a == b for a, b in self.verdicts().values())

    def jitter(self) -> float:
        """Half the spread of the fold thresholds: how far the threshold itself moves when one
        principle's labels are left out. A pair closer than this to the threshold is a judgement call."""
        lo, hi = self.threshold_range()
        return (hi - lo) / 2 if self.folds else float("nan")

    def summary(self) -> dict:
        lo, hi = self.threshold_range()
        positives = sorted(r.margin for r in self.positives())
        errors = self.errors()
        return {"pairs": len(self.rows), "positives": self.tp + self.fn, "tp": self.tp, "fp": self.fp,
                "fn": self.fn, "tn": self.tn, "precision": self.precision, "recall": self.recall, "f1": self.f1,
                "verdicts_agreeing": self.verdict_agreement(), "principles": len(self.folds),
                "threshold_min": lo, "threshold_max": hi,
                "positive_margins": positives,
                "error_margins": sorted((r.margin for r in errors), key=abs),
                "median_abs_margin": float(np.median([abs(r.margin) for r in self.rows])) if self.rows else float("nan"),
                "jitter": self.jitter(),
                "near_threshold": len(self.near(self.jitter())) if self.folds else 0}


def lopo(X, y, groups, fitter=fit) -> CVReport:
    """Leave one principle out: for each principle g, fit on the pairs of every other principle
    (`fitter(X_train, y_train)` never sees g's rows) and judge g's pairs with that model."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=int)
    groups = np.asarray(groups)
    rows, folds = [], []
    for g in list(dict.fromkeys(groups.tolist())):
        held = np.where(groups == g)[0]
        train = np.where(groups != g)[0]
        model = fitter(X[train], y[train])
        scores = model.score(X[held])
        rows += [HeldOut(int(g), int(r), int(y[r]), float(s), float(model.threshold)) for r, s in zip(held, scores)]
        folds.append({"principle": int(g), "threshold": float(model.threshold),
                      "weights": [float(w) for w in model.weights], "train_pairs": len(train),
                      "train_positives": int(y[train].sum())})
    return CVReport(rows, folds)


# --- one calibration of an index against a review ----------------------------------------------


@dataclass
class Calibrated:
    """The reviewed pairs, their features on one index, the LOPO report and the final model."""
    review: Review
    features: PairFeatures
    labels: np.ndarray  # principles × paragraphs, 0/1 from the review
    model: PairModel  # fitted on all pairs: the one the app uses
    cv: CVReport  # leave one principle out

    @property
    def numbers(self) -> list[int]:
        return self.features.numbers

    @property
    def passage_ids(self) -> list[str]:
        return self.features.passage_ids

    def scores(self) -> np.ndarray:
        X, _ = self.features.flat()
        return self.model.score(X).reshape(self.labels.shape)

    def margins(self) -> np.ndarray:
        return self.scores() - self.model.threshold

    def decisions(self) -> np.ndarray:
        return (self.margins() >= 0).astype(int)

    def held_out_decisions(self) -> np.ndarray:
        """principles × paragraphs: each principle's pairs judged by the model fitted without it."""
        out = np.zeros(self.labels.shape, dtype=int)
        m = self.labels.shape[1]
        position = {n: i for i, n in enumerate(self.numbers)}
        for r in self.cv.rows:
            out[position[r.principle], r.row % m] = r.decision
        return out

    def held_out_margins(self) -> np.ndarray:
        out = np.zeros(self.labels.shape, dtype=float)
        m = self.labels.shape[1]
        position = {n: i for i, n in enumerate(self.numbers)}
        for r in self.cv.rows:
            out[position[r.principle], r.row % m] = r.margin
        return out

    def margin(self, number: int, passage_id: str) -> float:
        return float(self.margins()[self.numbers.index(number), self.passage_ids.index(passage_id)])


def calibrate(engine, review: Review, numbers=None, passage_ids=None, fitter=fit) -> Calibrated:
    """Features of every (principle, article paragraph) pair, LOPO over the review, final fit."""
    if numbers is None:
        numbers = sorted(p.principle for p in engine.passages if p.doc == PRINCIPLES)
    if passage_ids is None:
        passage_ids = [p.id for p in engine.passages if p.doc == ARTICLE]
    features = pair_features(engine, numbers, passage_ids)
    labels = review.labels(numbers, passage_ids)
    X, groups = features.flat()
    y = labels.reshape(-1)
    return Calibrated(review, features, labels, fitter(X, y), lopo(X, y, groups, fitter))
