"""Principle by principle: which article paragraphs discuss each AI Access principle, two readings.

The one core call is `compute_coverage(engine)`; the page, the CSV/JSON exports and the CLI
(`python -m explorer compare`) all use it. No model is needed: every score comes from the
passage embeddings already stored in the index, so this never imports torch.

Two readings of the article, side by side:

- the **reviewed reading** (corpus/reviews/coverage_review.json): a person-style review that lists,
  for each principle, the paragraphs that discuss it, each with a quote and a rationale;
- the **model's reading**: every (principle, paragraph) pair is scored from its embeddings and
  words (explorer.analysis.coverage.calibration) and judged "discusses" when the score reaches a threshold fitted on
  the reviewed pairs. Each evidence paragraph carries its supporting sentence for highlighting.

Both readings turn pairs into a verdict by the same rule (calibration.verdict_from_pairs):
covered when two or more paragraphs discuss the principle, partial with one, absent with none.
Their agreement is reported per pair and per verdict, with the list of differences. The model's
threshold is fitted on all reviewed pairs, so its agreement with the review is in-sample; the
honest figures are the leave-one-principle-out ones (`Coverage.cv`), which the method text quotes,
and each principle also carries its held-out verdict (judged by a model fitted without it).

Scores are relative to a fixed reference set (the article and the principles: their mean
embedding and their term IDF), so documents added to the index later do not move them.
"""

import math
import weakref
from dataclasses import dataclass, field

import numpy as np

from explorer.analysis.coverage import calibration
from explorer.analysis.coverage.calibration import (
    ABSENT,
    ARTICLE,
    COVERED,
    PARTIAL,
    PRINCIPLES,
    REFERENCE_DOCS,
    verdict_from_pairs,
)
from explorer.search.highlight import sentence_span
from explorer.embedding.vectors import unit_rows

VERDICTS = (COVERED, PARTIAL, ABSENT)
TOP_N = 3
QUOTE = "phrase"  # highlight kind of a reviewed quote (explorer.search.highlight marks it)
SENTENCE = "sentence"  # highlight kind of the model's supporting sentence


class Similarity:
    """Topic-adjusted cosines between stored passages (and their sentences). Read-only.

    The topic is the mean embedding of a fixed reference set (the article and the principles), not
    of everything indexed, so adding documents to the index changes no score.
    """

    def __init__(self, engine, reference_docs=REFERENCE_DOCS):
        raw = np.asarray(engine.vectors, dtype=np.float32)
        self.engine = engine
        self.reference_docs = tuple(reference_docs)
        rows = [i for i, p in enumerate(engine.passages) if p.doc in self.reference_docs]
        self.mean = raw[rows].mean(axis=0) if rows else np.zeros(raw.shape[1], np.float32)
        self.raw = raw
        self.vectors = unit_rows(raw - self.mean)
        self._index = {p.id: i for i, p in enumerate(engine.passages)}

    def rows(self, ids) -> list[int]:
        return [self._index[i] for i in ids]

    def matrix(self, row_ids, col_ids) -> tuple[np.ndarray, np.ndarray]:
        """(topic-adjusted, raw) cosine matrices, rows × columns."""
        r, c = self.rows(row_ids), self.rows(col_ids)
        return self.vectors[r] @ self.vectors[c].T, self.raw[r] @ self.raw[c].T

    def best_sentence(self, query_id: str, passage_id: str) -> tuple[int, int] | None:
        """The sentence of passage_id closest to query_id (None for a one-sentence passage)."""
        spans, vectors = self.engine.sentences_of(passage_id)
        if len(spans) <= 1:
            return None
        sentences = unit_rows(np.asarray(vectors, dtype=np.float32) - self.mean)
        return spans[int(np.argmax(sentences @ self.vectors[self._index[query_id]]))]


@dataclass(frozen=True)
class Match:
    """One article paragraph for one principle, in either reading.

    score/margin: the model's pair score and its distance to the threshold (standard-score units;
    margin ≥ 0 means the model judges that the paragraph discusses the principle). raw: plain
    cosine. highlights: spans for explorer.search.highlight.to_html (the model's supporting sentence, and
    the reviewed quote when there is one). rationale/quote: the review's, for reviewed pairs.
    """
    id: str
    locator: str
    section: str
    text: str
    score: float
    raw: float
    highlights: tuple = ()
    margin: float = 0.0
    cosine: float = 0.0
    quote: str = ""
    rationale: str = ""
    borderline: bool = False
    model_discusses: bool = False
    review_discusses: bool = False


@dataclass
class PrincipleCoverage:
    number: int
    group: str
    group_heading: str
    title: str
    text: str
    specifics: tuple[str, ...]
    note: str | None
    source_url: str
    verdict: str  # the model's verdict (from its pair decisions)
    best_score: float  # the model's best pair score for this principle
    best: list[Match] = field(default_factory=list)  # top TOP_N paragraphs by model score
    evidence: list[Match] = field(default_factory=list)  # model: paragraphs judged to discuss it, best first
    margin: float = 0.0  # best_score − threshold
    reviewed_verdict: str = ABSENT
    reviewed: list[Match] = field(default_factory=list)  # review: paragraphs that discuss it, in article order
    near_misses: list[dict] = field(default_factory=list)  # review: {"id", "locator", "rationale", "borderline"}
    held_out_verdict: str = ABSENT  # the model's verdict when this principle's labels were left out of the fit
    held_out_evidence: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"P{self.number} {self.title}"

    @property
    def agreed(self) -> list[str]:
        """Paragraph ids both readings say discuss the principle."""
        mine = {m.id for m in self.evidence}
        return [m.id for m in self.reviewed if m.id in mine]

    @property
    def model_only(self) -> list[str]:
        theirs = {m.id for m in self.reviewed}
        return [m.id for m in self.evidence if m.id not in theirs]

    @property
    def review_only(self) -> list[str]:
        mine = {m.id for m in self.evidence}
        return [m.id for m in self.reviewed if m.id not in mine]

    @property
    def verdict_agrees(self) -> bool:
        return self.verdict == self.reviewed_verdict

    @property
    def pairs_agree(self) -> bool:
        return not self.model_only and not self.review_only

    def differences(self) -> list[str]:
        """Plain sentences saying where the two readings differ for this principle."""
        out = []
        if not self.verdict_agrees:
            out.append(f"P{self.number}: the review says {self.reviewed_verdict}, the model says {self.verdict}.")
        by_id = {m.id: m for m in self.best + self.evidence + self.reviewed}
        for pid in self.model_only:
            m = by_id[pid]
            out.append(f"P{self.number} {m.locator}: the model finds it discusses the principle (margin "
                       f"{m.margin:+.2f}); the review does not.")
        for pid in self.review_only:
            m = by_id[pid]
            out.append(f"P{self.number} {m.locator}: the review finds it discusses the principle; the model does "
                       f"not (margin {m.margin:+.2f}).")
        return out


@dataclass
class Coverage:
    principles: list[PrincipleCoverage]
    passage_ids: list[str]
    locators: list[str]
    scores: np.ndarray  # principles × article paragraphs: the model's pair score
    raw: np.ndarray  # plain cosine, for reference
    threshold: float = 0.0  # a pair is judged "discusses" when its score reaches this
    model: str = ""  # the index's embedding model
    passages: list = field(default_factory=list)  # the article Passages, in column order
    calibrated: object = None  # calibration.Calibrated: review, features, final model, LOPO report
    cosine: np.ndarray | None = None  # topic-adjusted cosine of paragraph and principle

    # -- the calibration ---------------------------------------------------------------------

    @property
    def cv(self):
        return self.calibrated.cv

    @property
    def review(self):
        return self.calibrated.review

    @property
    def margins(self) -> np.ndarray:
        return self.scores - self.threshold

    @property
    def jitter(self) -> float:
        """How far the threshold moves across the LOPO folds (half their spread)."""
        return self.cv.jitter()

    @property
    def covered_min(self) -> float:
        """Kept for views that quote one cut-off: the pair threshold ("discusses" from here)."""
        return self.threshold

    @property
    def partial_min(self) -> float:
        """Kept for views that quote a second cut-off: the threshold less its LOPO jitter."""
        return self.threshold - self.jitter

    # -- counts and text ---------------------------------------------------------------------

    def count(self, which: str) -> int:
        """How many principles get this verdict in the model's reading."""
        return sum(p.verdict == which for p in self.principles)

    def reviewed_count(self, which: str) -> int:
        return sum(p.reviewed_verdict == which for p in self.principles)

    def agreement(self) -> dict:
        """Model vs review on this article: pairs and verdicts, in-sample (final model) and held out (LOPO)."""
        labels = self.calibrated.labels
        decided = (self.margins >= 0).astype(int)
        held = self.calibrated.held_out_decisions()

        def pairs(d):
            tp, fp = int(((d == 1) & (labels == 1)).sum()), int(((d == 1) & (labels == 0)).sum())
            fn, tn = int(((d == 0) & (labels == 1)).sum()), int(((d == 0) & (labels == 0)).sum())
            return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "agree": tp + tn, "pairs": tp + fp + fn + tn,
                    "precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None}

        return {"pairs": pairs(decided), "verdicts": sum(p.verdict_agrees for p in self.principles),
                "held_out_pairs": pairs(held),
                "held_out_verdicts": sum(p.held_out_verdict == p.reviewed_verdict for p in self.principles),
                "principles": len(self.principles)}

    def differences(self) -> list[str]:
        return [d for p in self.principles for d in p.differences()]

    def summary(self) -> str:
        """One line for the home page: the reviewed reading, saying so, and how far the model agrees."""
        covered, partial = self.reviewed_count(COVERED), self.reviewed_count(PARTIAL)
        agree = self.agreement()
        return (f"The article covers {covered + partial} of the {len(self.principles)} principles by our reviewed "
                f"reading ({partial} partially, in a single paragraph); {self.reviewed_count(ABSENT)} are absent. "
                f"The model's reading agrees on {agree['verdicts']} of {len(self.principles)} verdicts.")

    def method_text(self) -> str:
        """What was done, with the cross-validated figures: the text the page and the CLI show."""
        review, cv, final = self.review, self.cv, self.calibrated.model
        s = cv.summary()
        lo, hi = cv.threshold_range()
        agree = self.agreement()
        n_pairs, n_pos = s["pairs"], s["positives"]
        return (
            f"Reviewed reading: {review.reviewer} On {review.date} every article paragraph was read against every "
            f"principle ({n_pairs} pairs) before any model score was looked at; {n_pos} pairs were marked as the "
            f"paragraph discussing the principle (saying something about what it commits to, not just sharing its "
            f"topic), each with a quote and a one-line rationale (corpus/reviews/coverage_review.json). "
            f"Model's reading: each pair gets three features: the topic-adjusted cosine of the paragraph and the "
            f"principle, the same for the paragraph's best sentence, and the summed IDF of the principle's specific "
            f"terms that the paragraph uses (topic and IDF from the article and the principles only; model "
            f"{self.model}). They are standardised and averaged ({calibration.WEIGHTING} weights); one threshold "
            f"({self.threshold:.2f}) was fitted on all {n_pairs} reviewed pairs to maximise F1, and a pair is judged "
            f"to discuss the principle when its score reaches it. Verdicts, for both readings: covered with "
            f"{calibration.COVERED_PARAGRAPHS} or more such paragraphs, partial with one, absent with none. "
            f"Leave-one-principle-out (each principle judged by a threshold fitted on the other "
            f"{len(cv.folds) - 1} only): pair precision {_pct(s['precision'])} and recall {_pct(s['recall'])} "
            f"({s['tp']} of {n_pos} reviewed pairs found, {s['fp']} pairs found that the review rejects); "
            f"{s['verdicts_agreeing']} of {s['principles']} verdicts agree; the fitted threshold moved between "
            f"{lo:.2f} and {hi:.2f} across folds, and {s['near_threshold']} of {n_pairs} held-out pairs lie within "
            f"{cv.jitter():.2f} of their fold's threshold. The agreement shown on this page ({agree['verdicts']} of "
            f"{agree['principles']} verdicts, {agree['pairs']['tp']} of {n_pos} reviewed pairs) is in-sample: the "
            f"threshold was fitted on these very pairs. The model is a pointer to paragraphs worth reading, not a "
            f"judge; a verdict says whether the article mentions a commitment, not whether it reports it accurately "
            f"(see the claims view). Final model: {final.weight_text()}; threshold {final.threshold:.3f}.")

    # -- tables ------------------------------------------------------------------------------

    def table_rows(self) -> list[dict]:
        """The coverage table exactly as shown on the page and written to CSV: both readings."""
        rows = []
        for p in self.principles:
            row = {"number": p.number, "group": p.group, "title": p.title,
                   "reviewed_verdict": p.reviewed_verdict, "model_verdict": p.verdict,
                   "verdicts_agree": p.verdict_agrees, "held_out_verdict": p.held_out_verdict,
                   "reviewed_paragraphs": " ".join(m.locator for m in p.reviewed),
                   "model_paragraphs": " ".join(m.locator for m in p.evidence),
                   "model_only": " ".join(self._locator(i) for i in p.model_only),
                   "review_only": " ".join(self._locator(i) for i in p.review_only),
                   "best_passage": p.best[0].id if p.best else "", "best_score": round(p.best_score, 3),
                   "margin": round(p.margin, 3)}
            rows.append(row)
        return rows

    def pair_rows(self) -> list[dict]:
        """Every (principle, paragraph) pair either reading says discusses the principle."""
        rows = []
        for p in self.principles:
            i = self._row(p.number)
            for pid in dict.fromkeys([m.id for m in p.reviewed] + [m.id for m in p.evidence]):
                j = self.passage_ids.index(pid)
                reviewed = next((m for m in p.reviewed if m.id == pid), None)
                rows.append({"principle": p.number, "passage": pid, "locator": self.locators[j],
                             "review": reviewed is not None, "model": bool(self.margins[i, j] >= 0),
                             "score": round(float(self.scores[i, j]), 3), "margin": round(float(self.margins[i, j]), 3),
                             "quote": reviewed.quote if reviewed else "", "rationale": reviewed.rationale if reviewed else ""})
        return rows

    def matrix_rows(self) -> list[dict]:
        """The heatmap as a table: one row per principle, one column per article paragraph (model score)."""
        return [{"principle": p.label, **{loc: round(float(s), 3) for loc, s in zip(self.locators, self.scores[i])}}
                for i, p in enumerate(self.principles)]

    def json_rows(self) -> list[dict]:
        def match(m: Match) -> dict:
            out = {"id": m.id, "locator": m.locator, "score": round(m.score, 4), "margin": round(m.margin, 4)}
            sentence = next((h for h in m.highlights if h["kind"] == SENTENCE), None)
            if sentence:
                out["sentence"] = {"start": sentence["start"], "end": sentence["end"],
                                   "text": m.text[sentence["start"]:sentence["end"]]}
            if m.review_discusses:
                out.update(quote=m.quote, rationale=m.rationale, borderline=m.borderline)
            return out

        return [{"number": p.number, "group": p.group, "group_heading": p.group_heading, "title": p.title,
                 "source_url": p.source_url,
                 "reviewed": {"verdict": p.reviewed_verdict, "paragraphs": [match(m) for m in p.reviewed],
                              "near_misses": p.near_misses},
                 "model": {"verdict": p.verdict, "best_score": round(p.best_score, 4), "margin": round(p.margin, 4),
                           "evidence": [match(m) for m in p.evidence],
                           "best_passages": [match(m) for m in p.best],
                           "held_out_verdict": p.held_out_verdict, "held_out_evidence": p.held_out_evidence},
                 "agreement": {"verdict": p.verdict_agrees, "pairs": p.pairs_agree, "agreed": p.agreed,
                               "model_only": p.model_only, "review_only": p.review_only},
                 "differences": p.differences()}
                for p in self.principles]

    def json_document(self) -> dict:
        """Everything `compare --format json` prints: both readings, agreement, method and CV figures."""
        s = self.cv.summary()
        return {"summary": self.summary(), "method": self.method_text(), "model": self.model,
                "threshold": round(self.threshold, 4), "weights": dict(zip(self.calibrated.model.names,
                                                                           map(float, self.calibrated.model.weights))),
                "reference_docs": list(REFERENCE_DOCS),
                "review": {"file": str(calibration.REVIEW_FILE), "reviewer": self.review.reviewer,
                           "date": self.review.date, "pairs": len(self.review.pairs)},
                "cv": {k: v for k, v in s.items()},
                "agreement": self.agreement(), "differences": self.differences(),
                "principles": self.json_rows()}

    # -- lookups -----------------------------------------------------------------------------

    def principle(self, number: int) -> PrincipleCoverage:
        return next(p for p in self.principles if p.number == number)

    def ranked_passages(self, number: int, k: int | None = None) -> list[int]:
        """Column positions of article passages, best first (model score), for one principle."""
        order = list(np.argsort(-self.scores[self._row(number)], kind="stable"))
        return order[:k] if k else order

    def match(self, number: int, column: int) -> Match:
        """The Match of one principle and one article paragraph (by column), with both readings."""
        return self._match(self.principle(number), self._row(number), column)

    def _row(self, number: int) -> int:
        return [p.number for p in self.principles].index(number)

    def _locator(self, passage_id: str) -> str:
        return self.locators[self.passage_ids.index(passage_id)]

    def _match(self, p: PrincipleCoverage, i: int, j: int) -> Match:
        return _make_match(self.passages[j], self.calibrated, self.review.pair(p.number, self.passage_ids[j]),
                           i, j, float(self.scores[i, j]), float(self.raw[i, j]), self.threshold,
                           float(self.cosine[i, j]) if self.cosine is not None else 0.0)


def _pct(x) -> str:
    return "n/a" if x is None or math.isnan(x) else f"{x:.0%}"


def _make_match(passage, cal, reviewed, i: int, j: int, score: float, raw: float, threshold: float,
                cosine: float) -> Match:
    spans = list(sentence_span(cal.features.sentences[i][j]))
    quote = calibration.quote_span(passage.text, reviewed.quote) if reviewed else None
    if quote:
        spans.append({"start": quote[0], "end": quote[1], "kind": QUOTE})
    return Match(passage.id, passage.locator, passage.section, passage.text, score, raw,
                 tuple(sorted(spans, key=lambda s: (s["start"], s["end"]))), score - threshold, cosine,
                 reviewed.quote if reviewed else "", reviewed.rationale if reviewed else "",
                 reviewed.borderline if reviewed else False, score >= threshold, reviewed is not None)


def principles_document(documents):
    return next(d for d in documents if d.id == PRINCIPLES)


_CALIBRATIONS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def calibrated(engine, review=None) -> calibration.Calibrated:
    """The calibration of this engine's index against the review (computed once per engine for the
    review on disk; a review passed in, e.g. a planted copy, is always recomputed)."""
    if review is not None:
        return calibration.calibrate(engine, review)
    cached = _CALIBRATIONS.get(engine)
    if cached is None:
        cached = calibration.calibrate(engine, calibration.load_review(engine.config.corpus_dir))
        _CALIBRATIONS[engine] = cached
    return cached


def compute_coverage(engine, documents=None, top_n: int = TOP_N, similarity: Similarity | None = None,
                     review=None) -> Coverage:
    """Both readings of the article for all 11 principles, with their agreement and differences.

    `review` (a calibration.Review) replaces the reviewed reading on disk, e.g. a planted copy.
    """
    if documents is None:
        documents = load_documents(engine)
    doc = principles_document(documents)
    sim = similarity or Similarity(engine)
    article = [p for p in engine.passages if p.doc == ARTICLE]
    passage_ids = [p.id for p in article]
    numbers = [r.number for r in doc.records]
    cal = calibrated(engine, review)
    if cal.numbers != numbers or cal.passage_ids != passage_ids:
        cal = calibration.calibrate(engine, cal.review, numbers, passage_ids)
    cosine, raw = sim.matrix([f"{PRINCIPLES}:{n}" for n in numbers], passage_ids)
    scores = cal.scores()
    threshold = float(cal.model.threshold)
    held = cal.held_out_decisions()
    principles = []
    for i, record in enumerate(doc.records):
        def match(j, i=i, number=record.number):
            return _make_match(article[j], cal, cal.review.pair(number, passage_ids[j]), i, j,
                               float(scores[i, j]), float(raw[i, j]), threshold, float(cosine[i, j]))

        order = list(np.argsort(-scores[i], kind="stable"))
        evidence = [match(j) for j in order if scores[i, j] >= threshold]
        reviewed = [match(j) for j in range(len(article)) if cal.labels[i, j]]
        near = [{"id": n.passage, "locator": _locator_of(article, n.passage), "rationale": n.rationale,
                 "borderline": n.borderline} for n in cal.review.near(record.number)]
        group = doc.group(record.group)
        best_score = float(scores[i].max()) if scores.shape[1] else float("-inf")
        principles.append(PrincipleCoverage(
            number=record.number, group=record.group or "", group_heading=group.heading if group else "",
            title=record.title, text=record.text, specifics=record.specifics, note=record.note,
            source_url=record.source_url, verdict=verdict_from_pairs(len(evidence)), best_score=best_score,
            best=[match(j) for j in order[:top_n]], evidence=evidence, margin=best_score - threshold,
            reviewed_verdict=verdict_from_pairs(len(reviewed)), reviewed=reviewed, near_misses=near,
            held_out_verdict=verdict_from_pairs(int(held[i].sum())),
            held_out_evidence=[passage_ids[j] for j in order if held[i, j]]))
    return Coverage(principles, passage_ids, [p.locator for p in article], scores, raw, threshold,
                    engine.manifest.get("model", ""), article, cal, cosine)


def _locator_of(article, passage_id: str) -> str:
    return next((p.locator for p in article if p.id == passage_id), passage_id)


def load_documents(engine):
    from explorer.story.corpus import load_corpus

    return load_corpus(engine.config.corpus_dir)


def compare_command(config, fmt: str = "text", out=None) -> int:
    """`python -m explorer compare --format text|json|csv`: both readings, as the page shows them."""
    import csv
    import json
    import sys

    from explorer.search.engine import Engine

    out = out or sys.stdout
    coverage = compute_coverage(Engine.open(config))
    if fmt == "json":
        print(json.dumps(coverage.json_document(), ensure_ascii=False, indent=2), file=out)
    elif fmt == "csv":
        rows = coverage.table_rows()
        columns = list(dict.fromkeys(k for row in rows for k in row))
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    else:
        agree = coverage.agreement()
        print(coverage.summary(), file=out)
        print(f"Agreement (in-sample): {agree['verdicts']}/{agree['principles']} verdicts, "
              f"{agree['pairs']['agree']}/{agree['pairs']['pairs']} pairs; held out (LOPO): "
              f"{agree['held_out_verdicts']}/{agree['principles']} verdicts.", file=out)
        print(f"{'':4}{'':2}{'reviewed':<10}{'model':<10}{'held-out':<10}{'agree':<6} {'title':<40} "
              f"reviewed paragraphs | model paragraphs", file=out)
        for p in coverage.principles:
            print(f"P{p.number:<3}{p.group:<2}{p.reviewed_verdict:<10}{p.verdict:<10}{p.held_out_verdict:<10}"
                  f"{'yes' if p.verdict_agrees else 'NO':<6} {p.title[:40]:<40} "
                  f"{' '.join(m.locator for m in p.reviewed) or '-'} | "
                  f"{' '.join(f'{m.locator}({m.margin:+.2f})' for m in p.evidence) or '-'}", file=out)
        differences = coverage.differences()
        print(f"\nDifferences ({len(differences)}):", file=out)
        for d in differences:
            print(f"- {d}", file=out)
        print(f"\nMethod. {coverage.method_text()}", file=out)
    return 0
