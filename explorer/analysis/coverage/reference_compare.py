"""Compare any document with any reference set, by the method of the curated comparison.

Pure: numpy and the standard library (no streamlit, no torch at import; an encoder is used only
for reference items that have no stored vector, and only when one is passed in).

A **reference set** is a list of items to look for: the 11 AI Access Principles, one of the
bundled story's frameworks (or the five tenets), or a document of a collection whose numbered or
bulleted lines become the items (`detect_items`: at least MIN_ITEMS of them). The **document
under study** is any text document of an index (the bundled article, or a document a journalist
added to a collection).

Same method as the curated comparison (explorer.analysis.coverage.calibration, explorer.analysis.coverage.compare):

- the same three pair features, computed by the same formulas as `calibration.pair_features`:
  topic-adjusted cosine of paragraph and item, the same for the paragraph's best sentence, and the
  summed IDF of the item's specific terms that the paragraph contains;
- the same fixed topic: the mean embedding and the term IDF are `calibration.reference(bundled
  engine)`, i.e. over the bundled article and principles only, whatever is studied, so a score
  means the same thing in every comparison (and in the curated one);
- the same fitted model: standardisation, weights and threshold are the final model of
  `compare.calibrated(bundled engine)`, fitted on the reviewed article × principles pairs; and
  the same verdict rule (`calibration.verdict_from_pairs`: ≥2 paragraphs covered, 1 partial, 0 absent).

Why the features are computed here and not by `calibration.pair_features`: that function reads
both sides of every pair from one index by passage id ("principles:N"), while here the items come
from the bundled index (or are encoded) and the paragraphs from another index. The arithmetic is
the same line for line; the test suite checks that the bundled article against the principles
gives exactly the curated comparison's scores and verdicts. Two extensions, needed only outside
the principles: (1) an item's specific terms are those used by at most
calibration.SPECIFIC_MAX_PRINCIPLES items *of its own set* (the same absolute count); (2) a term
the reference documents never use gets the IDF formula's value at document frequency 0 (the
curated comparison never meets one: every principle term occurs in the principles).
"""

import math
from dataclasses import dataclass, field

import numpy as np

from explorer.analysis.coverage import calibration
from explorer.analysis.coverage.calibration import (
    ABSENT,
    ARTICLE,
    COVERED,
    FEATURES,
    PARTIAL,
    PRINCIPLES,
    verdict_from_pairs,
)
from explorer.text import terms_of
from explorer.embedding.vectors import unit_rows

from explorer.analysis.coverage.reference_sets import (  # noqa: F401 - the reference sets, re-exported for callers
    BULLETS,
    MIN_ITEMS,
    PRINCIPLES_SET,
    REFERENCE_KINDS,
    SENTENCE,
    STUDY_KINDS,
    TOP_N,
    DetectedItem,
    Item,
    ReferenceSet,
    detect_items,
    list_set,
    reference_sets,
    study_documents,
)

# --- the comparison ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """One paragraph of the document under study for one item."""
    id: str
    locator: str
    section: str
    text: str
    score: float
    margin: float  # score − threshold (standard-score units); ≥ 0: judged to discuss the item
    cosine: float  # topic-adjusted cosine of paragraph and item
    sentence: tuple[int, int] | None = None  # the supporting sentence (None: a one-sentence paragraph)

    @property
    def discusses(self) -> bool:
        return self.margin >= 0

    @property
    def highlights(self) -> tuple:
        """Spans for explorer.search.highlight.to_html: the supporting sentence."""
        return ({"start": self.sentence[0], "end": self.sentence[1], "kind": SENTENCE},) if self.sentence else ()

    @property
    def sentence_text(self) -> str:
        return self.text[self.sentence[0]:self.sentence[1]] if self.sentence else self.text


@dataclass
class ItemCoverage:
    label: str
    title: str
    text: str
    verdict: str  # covered / partial / absent, from the pairs judged to discuss it
    best_score: float
    margin: float  # best_score − threshold
    evidence: list[Evidence] = field(default_factory=list)  # paragraphs judged to discuss it, best first
    best: list[Evidence] = field(default_factory=list)  # top TOP_N paragraphs by score, whatever their margin


@dataclass
class DocumentCoverage:
    document_id: str
    document_title: str
    reference_id: str
    reference_title: str
    items: list[ItemCoverage]
    passage_ids: list[str]
    locators: list[str]
    scores: np.ndarray  # items × paragraphs
    features: np.ndarray  # items × paragraphs × len(FEATURES)
    threshold: float
    weights: str
    cv: dict  # calibration.CVReport.summary() of the curated calibration
    calibration_pairs: int
    reviewed_pair: bool = False  # True only for the bundled article against the principles

    @property
    def margins(self) -> np.ndarray:
        return self.scores - self.threshold

    def count(self, verdict: str) -> int:
        return sum(i.verdict == verdict for i in self.items)

    def summary(self) -> str:
        return (f"By the model's reading, “{self.document_title}” covers {self.count(COVERED)} of the "
                f"{len(self.items)} items of “{self.reference_title}”, {self.count(PARTIAL)} partially (in a "
                f"single paragraph); {self.count(ABSENT)} are absent.")

    def method_text(self) -> str:
        s = self.cv
        if self.reviewed_pair:
            reading = ("A reviewed reading exists for this pair (the article against the AI Access Principles): "
                       "the Coverage view shows it beside the model's; what follows is the model's reading alone. ")
        else:
            reading = ("No reviewed reading exists for this pair of documents: nobody has read this document "
                       "against these items, and every verdict below is the model's alone. ")
        return (
            reading
            + f"Method: the same as the curated comparison. Every (item, paragraph) pair gets three features: the "
            f"topic-adjusted cosine of the paragraph and the item, the same for the paragraph's best sentence (the "
            f"supporting sentence highlighted below), and the summed IDF of the item's specific terms (used by at "
            f"most {calibration.SPECIFIC_MAX_PRINCIPLES} of the set's items) that the paragraph contains. Topic "
            f"and IDF come from the bundled article and the AI Access Principles only, so scores are on the same "
            f"scale as the curated comparison. The features are standardised and combined ({self.weights}) and "
            f"a pair is judged to discuss the item when its score reaches the threshold {self.threshold:.2f}; "
            f"covered with {calibration.COVERED_PARAGRAPHS} or more such paragraphs, partial with one, absent "
            f"with none. That threshold was calibrated on the article against the 11 AI Access Principles "
            f"({self.calibration_pairs} reviewed pairs), not on these documents. There, judged "
            f"leave-one-principle-out, pair precision was {_pct(s.get('precision'))} and recall "
            f"{_pct(s.get('recall'))} ({s.get('tp')} of {s.get('positives')} reviewed pairs found, {s.get('fp')} "
            f"found that the review rejects), {s.get('verdicts_agreeing')} of {s.get('principles')} verdicts "
            f"agreed, and the threshold moved between {s.get('threshold_min', float('nan')):.2f} and "
            f"{s.get('threshold_max', float('nan')):.2f} across folds. How well it transfers to other documents "
            f"and other reference sets is untested: treat a verdict as a pointer to paragraphs worth reading, "
            f"not a finding, and a margin within {s.get('jitter', float('nan')):.2f} of zero as a judgement call.")

    def table_rows(self) -> list[dict]:
        """The table shown on the page and written to CSV: one row per item."""
        return [{"item": i.label, "title": i.title, "verdict": i.verdict, "paragraphs": len(i.evidence),
                 "evidence": " ".join(e.locator for e in i.evidence),
                 "best_paragraph": i.best[0].locator if i.best else "",
                 "best_score": round(i.best_score, 3), "margin": round(i.margin, 3),
                 "supporting_sentence": (i.evidence[0].sentence_text if i.evidence else "")}
                for i in self.items]


def _pct(x) -> str:
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.0%}"


def _idf(ref: calibration.Reference, term: str) -> float:
    """The reference IDF; an unseen term gets the same formula at document frequency 0."""
    value = ref.idf.get(term)
    return value if value is not None else math.log(1 + (ref.size + 0.5) / 0.5)


def pair_values(item_vectors, item_texts, passages, passage_vectors, sentences_of,
                ref: calibration.Reference) -> tuple[np.ndarray, list]:
    """items × paragraphs × FEATURES, and the best sentence span of each pair: the arithmetic of
    calibration.pair_features, with the items and the paragraphs given directly."""
    specifics = calibration.specific_terms(dict(enumerate(item_texts)))
    P = unit_rows(np.asarray(item_vectors, dtype=np.float32) - ref.mean)
    A = unit_rows(np.asarray(passage_vectors, dtype=np.float32) - ref.mean)
    n, m = len(item_texts), len(passages)
    values = np.zeros((n, m, len(FEATURES)), dtype=np.float64)
    if n and m:
        values[:, :, 0] = P @ A.T
    sentences = [[None] * m for _ in range(n)]
    for j, passage in enumerate(passages):
        spans, sv = sentences_of(passage.id)
        sv = np.asarray(sv, np.float32)
        terms = set(terms_of(passage.text))
        if len(spans) and len(sv):
            sims = P @ unit_rows(sv - ref.mean).T
        else:  # no sentence stored: the paragraph is its own best sentence
            sims = (P @ A[j:j + 1].T)
        for i in range(n):
            best = int(np.argmax(sims[i]))
            values[i, j, 1] = float(sims[i, best])
            if len(spans) > 1:
                sentences[i][j] = tuple(spans[best])
            values[i, j, 2] = sum(_idf(ref, t) for t in specifics.get(i, ()) if t in terms)
    return values, sentences


def compare_document(study_passages, study_vectors, sentences_of, reference_set: ReferenceSet,
                     calibrated: calibration.Calibrated, ref: calibration.Reference, encoder=None,
                     document_title: str = "", reviewed_pair: bool = False, top_n: int = TOP_N) -> DocumentCoverage:
    """Coverage of each item of `reference_set` in the document whose paragraphs are `study_passages`.

    study_vectors: their embeddings (row j for study_passages[j]); sentences_of(passage_id) ->
    (spans, sentence vectors), as Engine.sentences_of; calibrated: the curated calibration
    (compare.calibrated(bundled engine)) whose final model scores every pair; ref: the fixed topic
    (calibration.reference(bundled engine)); encoder: embeds items that carry no vector (needed only then).
    """
    items = list(reference_set.items)
    missing = [k for k, item in enumerate(items) if item.vector is None]
    vectors = [item.vector for item in items]
    if missing:
        if encoder is None:
            raise ValueError(f"{len(missing)} item(s) of {reference_set.id!r} have no stored vector: pass an encoder")
        encoded = encoder.encode([items[k].text for k in missing])
        for k, v in zip(missing, encoded):
            vectors[k] = v
    dimension = np.asarray(study_vectors).shape[1] if len(study_passages) else len(ref.mean)
    item_vectors = np.vstack(vectors) if vectors else np.zeros((0, dimension), np.float32)
    values, sentences = pair_values(item_vectors, [i.text for i in items], study_passages, study_vectors,
                                    sentences_of, ref)
    model = calibrated.model
    n, m = len(items), len(study_passages)
    scores = model.score(values.reshape(n * m, len(FEATURES))).reshape(n, m) if n and m else np.zeros((n, m))
    threshold = float(model.threshold)
    cosine = values[:, :, 0]
    out = []
    for i, item in enumerate(items):
        def evidence(j, i=i):
            p = study_passages[j]
            return Evidence(p.id, p.locator, p.section, p.text, float(scores[i, j]), float(scores[i, j]) - threshold,
                            float(cosine[i, j]), sentences[i][j])

        order = list(np.argsort(-scores[i], kind="stable")) if m else []
        found = [evidence(j) for j in order if scores[i, j] >= threshold]
        best_score = float(scores[i].max()) if m else float("-inf")
        out.append(ItemCoverage(item.label, item.title, item.text, verdict_from_pairs(len(found)), best_score,
                                best_score - threshold, found, [evidence(j) for j in order[:top_n]]))
    return DocumentCoverage(
        document_id=study_passages[0].doc if m else "", document_title=document_title or
        (study_passages[0].title if m else ""), reference_id=reference_set.id, reference_title=reference_set.title,
        items=out, passage_ids=[p.id for p in study_passages], locators=[p.locator for p in study_passages],
        scores=scores, features=values, threshold=threshold,
        weights=f"{calibration.WEIGHTING} weights: {model.weight_text()}", cv=calibrated.cv.summary(),
        calibration_pairs=int(model.train_pairs), reviewed_pair=reviewed_pair)


def compare(bundled_engine, study_engine, doc_id: str, reference_set: ReferenceSet, encoder=None,
            calibrated=None, ref=None) -> DocumentCoverage:
    """compare_document for one document of an index (the bundled one or a collection's)."""
    from explorer.analysis.coverage.compare import calibrated as curated_calibration

    calibrated = calibrated or curated_calibration(bundled_engine)
    ref = ref or calibration.reference(bundled_engine)
    rows = [i for i, p in enumerate(study_engine.passages) if p.doc == doc_id and p.kind in STUDY_KINDS]
    passages = [study_engine.passages[i] for i in rows]
    vectors = np.asarray(study_engine.vectors, dtype=np.float32)[rows]
    reviewed = (study_engine is bundled_engine and doc_id == ARTICLE and reference_set.id == PRINCIPLES_SET)
    return compare_document(passages, vectors, study_engine.sentences_of, reference_set, calibrated, ref,
                            encoder, passages[0].title if passages else doc_id, reviewed)
