"""Calibration on reviewed pairs: the annotation itself, the fit, and the honesty of leave-one-principle-out.

Pinned to the bundled story's ids (article:12) on purpose: the coverage method is checked against
the reviewed reading shipped with that story (corpus/reviews/), the only reviewed pairs there are.
"""

import dataclasses

import numpy as np
import pytest

from explorer.analysis.coverage import calibration
from explorer.analysis.coverage.calibration import (
    ABSENT,
    COVERED,
    FEATURES,
    PARTIAL,
    best_threshold,
    calibrate,
    check_review,
    fit,
    load_review,
    lopo,
    pair_features,
    verdict_from_pairs,
)
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def review():
    return load_review(ROOT / "corpus")


@pytest.fixture(scope="module")
def texts():
    """Passage texts straight from the corpus splitter (no index needed)."""
    from explorer.story.corpus import load_corpus
    from explorer.story.passages import split_corpus

    return {p.id: p.text for p in split_corpus(load_corpus(ROOT / "corpus"))}


@pytest.fixture(scope="module")
def cal(engine, review):
    return calibrate(engine, review)


# --- the annotation -----------------------------------------------------------------------------


def test_review_quotes_are_exact_substrings_and_every_principle_appears_once(review, texts):
    assert check_review(review, texts, range(1, 12)) == []
    assert sorted(review.numbers) == list(range(1, 12))
    for pair in review.pairs:
        assert pair.quote in texts[pair.passage] and pair.passage.startswith("article:")


def test_check_review_catches_a_misquote_and_a_missing_principle(review, texts):
    broken = dataclasses.replace(review, pairs=review.pairs[:-1] + (
        dataclasses.replace(review.pairs[-1], quote=review.pairs[-1].quote + " (not in the text)"),))
    assert any("not an exact substring" in p for p in check_review(broken, texts, range(1, 12)))
    missing = dataclasses.replace(review, numbers=tuple(n for n in review.numbers if n != 5))
    assert any("expected each of" in p for p in check_review(missing, texts, range(1, 12)))


def test_review_states_who_when_and_how(review):
    assert review.reviewer.strip() and review.method.strip() and review.criterion.strip()
    assert len(review.date) == 10 and review.date[4] == "-"
    assert all(p.rationale.strip() for p in review.pairs)


# --- verdicts from pairs -----------------------------------------------------------------------


def test_verdict_is_derived_from_the_number_of_discussing_paragraphs():
    assert verdict_from_pairs(0) == ABSENT
    assert verdict_from_pairs(1) == PARTIAL
    assert verdict_from_pairs(calibration.COVERED_PARAGRAPHS) == COVERED
    assert verdict_from_pairs(calibration.COVERED_PARAGRAPHS + 3) == COVERED


def test_labels_follow_the_review_and_a_planted_pair(review):
    ids = [f"article:{n}" for n in range(1, 35)]
    labels = review.labels(range(1, 12), ids)
    assert labels.sum() == len(review.pairs)
    planted = review.with_label(7, "article:12", True, quote="Accelerated Growth")
    assert planted.labels(range(1, 12), ids).sum() == labels.sum() + 1
    assert planted.labels(range(1, 12), ids)[6, 11] == 1 and labels[6, 11] == 0
    removed = review.with_label(review.pairs[0].principle, review.pairs[0].passage, False)
    assert removed.labels(range(1, 12), ids).sum() == labels.sum() - 1


# --- the fit -----------------------------------------------------------------------------------


def test_threshold_maximises_f1_and_sits_between_neighbouring_scores():
    scores = np.array([0.9, 0.8, 0.3, 0.2, 0.1])
    assert best_threshold(scores, [1, 1, 0, 0, 0]) == pytest.approx(0.55)
    assert best_threshold(scores, [1, 0, 1, 0, 0]) == pytest.approx(0.25)  # F1 0.8 beats 0.67


def test_fit_uses_only_the_pairs_it_is_given():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(60, 3))
    y = (X[:, 0] + X[:, 1] > 1.2).astype(int)
    model = fit(X, y)
    assert model.train_pairs == 60 and model.train_positives == y.sum()
    np.testing.assert_allclose(model.center, X.mean(axis=0))
    assert model.weights.tolist() == pytest.approx([1 / 3] * 3)
    logistic = fit(X, y, weighting="logistic")
    assert logistic.weights[0] > abs(logistic.weights[2]) and logistic.weights[1] > abs(logistic.weights[2])
    assert np.abs(logistic.weights).sum() == pytest.approx(1.0)
    with pytest.raises(ValueError):
        fit(X, y, weighting="oracle")


# --- leave one principle out ---------------------------------------------------------------------


def test_lopo_never_shows_a_fold_the_held_out_principles_pairs():
    rng = np.random.default_rng(1)
    groups = np.repeat(np.arange(1, 12), 20)
    X = np.column_stack([groups.astype(float), rng.normal(size=len(groups)), rng.normal(size=len(groups))])
    y = (rng.random(len(groups)) < 0.1).astype(int)
    seen = []

    def spy(X_train, y_train):
        seen.append(set(X_train[:, 0].astype(int).tolist()))
        return fit(X_train, y_train)

    report = lopo(X, y, groups, spy)
    assert [f["principle"] for f in report.folds] == list(range(1, 12))
    for fold, principles in zip(report.folds, seen):
        assert fold["principle"] not in principles
        assert principles == set(range(1, 12)) - {fold["principle"]}
    assert len(report.rows) == len(groups)
    assert report.tp + report.fp + report.fn + report.tn == len(groups)


def test_held_out_principles_labels_do_not_move_its_own_fold(engine, review, cal):
    """Relabel a pair of P7: P7's fold (fit on the other ten) must not change at all, and every
    other fold must see one more positive pair."""
    planted = calibrate(engine, review.with_label(7, "article:12", True, quote="Accelerated Growth"))
    before = {f["principle"]: f for f in cal.cv.folds}
    after = {f["principle"]: f for f in planted.cv.folds}
    assert after[7]["threshold"] == before[7]["threshold"]
    assert after[7]["train_positives"] == before[7]["train_positives"]
    np.testing.assert_array_equal([r.score for r in planted.cv.decisions(7)], [r.score for r in cal.cv.decisions(7)])
    for n in range(1, 12):
        if n != 7:
            assert after[n]["train_positives"] == before[n]["train_positives"] + 1


def test_planting_a_pair_changes_the_cross_validated_figures(engine, review, cal):
    planted = calibrate(engine, review.with_label(7, "article:12", True, quote="Accelerated Growth"))
    assert planted.cv.tp + planted.cv.fn == cal.cv.tp + cal.cv.fn + 1
    assert (planted.cv.precision, planted.cv.recall) != (cal.cv.precision, cal.cv.recall)
    assert planted.model.train_positives == cal.model.train_positives + 1


def test_cv_report_figures_are_consistent(cal):
    s = cal.cv.summary()
    assert s["pairs"] == 11 * 34 and s["positives"] == len(cal.review.pairs)
    assert s["tp"] + s["fn"] == s["positives"]
    if s["tp"] + s["fp"]:
        assert s["precision"] == pytest.approx(s["tp"] / (s["tp"] + s["fp"]))
    assert s["recall"] == pytest.approx(s["tp"] / s["positives"])
    assert len(s["positive_margins"]) == s["positives"]
    assert all((m >= 0) == (r.decision == 1) for r in cal.cv.rows for m in [r.margin])
    lo, hi = cal.cv.threshold_range()
    assert lo <= hi and cal.cv.jitter() == pytest.approx((hi - lo) / 2)
    held = cal.held_out_decisions()
    assert held.sum() == s["tp"] + s["fp"]
    assert sum(a == b for a, b in cal.cv.verdicts().values()) == s["verdicts_agreeing"]


# --- scores do not depend on what else is indexed ----------------------------------------------


class _WithExtraDocuments:
    """The real engine plus passages of another document (as timeline events will be)."""

    def __init__(self, engine, count=12):
        rng = np.random.default_rng(2)
        template = engine.passages[0]
        extra = [dataclasses.replace(template, id=f"timeline:{n}", doc="timeline", text=f"Event {n} happened.",
                                     position=n) for n in range(count)]
        vectors = rng.normal(size=(count, engine.vectors.shape[1])).astype(np.float32)
        self.passages = list(engine.passages) + extra
        self.vectors = np.vstack([engine.vectors, vectors / np.linalg.norm(vectors, axis=1, keepdims=True)])
        self.config, self.manifest, self._engine, self._extra = engine.config, engine.manifest, engine, {
            p.id: vectors[i:i + 1] for i, p in enumerate(extra)}

    def sentences_of(self, passage_id):
        if passage_id in self._extra:
            return [(0, 19)], self._extra[passage_id]
        return self._engine.sentences_of(passage_id)


def test_pair_features_do_not_move_when_other_documents_are_indexed(engine):
    ids = [p.id for p in engine.passages if p.doc == "article"]
    before = pair_features(engine, list(range(1, 12)), ids)
    after = pair_features(_WithExtraDocuments(engine), list(range(1, 12)), ids)
    np.testing.assert_allclose(after.values, before.values, atol=1e-6)
    assert after.sentences == before.sentences
    assert before.names == FEATURES


def test_similarity_does_not_move_when_other_documents_are_indexed(engine):
    from explorer.analysis.coverage.compare import Similarity

    rows = [f"principles:{n}" for n in range(1, 12)]
    cols = [p.id for p in engine.passages if p.doc == "article"]
    np.testing.assert_allclose(Similarity(_WithExtraDocuments(engine)).matrix(rows, cols)[0],
                               Similarity(engine).matrix(rows, cols)[0], atol=1e-6)
