"""The coverage method (facets, pair scores, two tiers, leave-one-item-out), on the bundled
story's reviewed readings and on planted documents. Needs the real model (facets are embedded).

The planted study document and list are fiction written for this test.

Pinned to the bundled story's ids (article:20, seoul-commitments) on purpose: the coverage method is
checked against the reviewed reading shipped with that story (corpus/reviews/), the only reviewed
pairs there are.
"""

import numpy as np
import pytest

from explorer.analysis.coverage import fitting, readings, report, study
from explorer.analysis.coverage import reference_sets as rc
from explorer.story.passages import Passage
from explorer.text import sentence_spans

TARGET_VERDICTS, TARGET_F1 = 10, 0.6


@pytest.fixture(scope="module")
def examples(engine):
    sets = {s.id: s for s in rc.reference_sets(engine)}
    return report.examples_of(engine, sets, engine.config.corpus_dir, {}, engine.encoder)


def _figures(examples, reference):
    return fitting.cross_validate(examples).figures(reference)


def test_no_fold_is_fitted_on_the_item_it_judges(examples):
    seen = []

    def spy(train):
        seen.append({(e.reference, e.number) for e in train})
        return fitting.fit(train)

    cv = fitting.cross_validate(examples, spy)
    assert len(seen) == len(cv.rows) == len(examples)
    for row, train in zip(cv.rows, seen):
        assert (row.reference, row.number) not in train
        assert len(train) == len(examples) - 1


def test_a_planted_reviewed_pair_flips_the_figures(examples):
    before = _figures(examples, "principles")
    # plant: the review now says P6's closest paragraph discusses it (the reviewed reading says none does)
    planted = []
    for e in examples:
        if (e.reference, e.number) == ("principles", 6):
            labels = e.labels.copy()
            labels[int(np.argmax(e.scores))] = 1
            e = fitting.Example(e.reference, e.number, e.scores, labels)
        planted.append(e)
    after = _figures(planted, "principles")
    print("before", before, "\nafter", after)
    assert after["reviewed_discussed"] == before["reviewed_discussed"] + 1
    assert (after["verdicts_agreeing"], after["fn"], after["tp"]) != (before["verdicts_agreeing"], before["fn"], before["tp"])


def _print(name, f):
    print(f"{name}: verdicts {f['verdicts_agreeing']}/{f['items']} (borderline {f['borderline']}, disagreeing "
          f"{f['disagreeing']}); pairs tp {f['tp']} fp {f['fp']} fn {f['fn']}, precision {f['precision']}, recall "
          f"{f['recall']}, F1 {f['f1']}; top evidence reviewed {f['top_evidence_reviewed']}/"
          f"{f['top_evidence_judged']}; threshold {f['threshold_min']:.3f}-{f['threshold_max']:.3f}, floor "
          f"{f['floor_min']}-{f['floor_max']}")


def test_unrelated_frameworks_come_out_mostly_not_discussed(examples):
    for reference in ("seoul-commitments", "windows-principles"):
        f = _figures(examples, reference)
        _print(reference, f)
        assert f["model_discussed"] <= f["items"] // 4


@pytest.mark.xfail(strict=True, reason="targets not met: leave-one-item-out gives 8 of 11 verdicts (P3, P9, "
                                       "P10 wrong) and pair F1 0.40 on the principles with float32 (BENCHMARKS.md, "
                                       "fourth pass). P3's and P9's best paragraphs (¶10, ¶30) are not the reviewed "
                                       "ones (a second, blind reader rejects them too: kappa 0.95 between the two "
                                       "readers, corpus/reviews/second), so 10 of 11 verdicts and a reviewed top evidence exclude each other on "
                                       "these pair scores, and even given the reviewed verdicts the evidence floor "
                                       "reaches F1 0.50 at most; per-item backgrounds (third pass), the whole "
                                       "paragraph as a sentence and dropping label headings (fourth), breadth over "
                                       "facets and facet centring (fifth), and the facet words a paragraph covers by token vectors "
                                       "(sixth) do not change it")
def test_the_bundled_story_meets_the_coverage_targets(examples):
    for reference in ("principles", "oecd-ai", "seoul-commitments", "windows-principles"):
        _print(reference, _figures(examples, reference))
    f = _figures(examples, "principles")
    assert f["verdicts_agreeing"] >= TARGET_VERDICTS
    assert f["f1"] is not None and f["f1"] >= TARGET_F1
    assert f["top_evidence_reviewed"] == f["top_evidence_judged"]


# --- planted documents (fiction) -------------------------------------------------------------------

LIST = [  # an invented newsroom's code, five items
    "Every claim is verified with two independent sources before publication.",
    "Errors are corrected openly, with a note saying what was wrong.",
    "Confidential sources are protected and never named without consent.",
    "Reporters declare gifts and hospitality they are offered.",
    "Photographs are never altered beyond ordinary cropping and exposure.",
]
RESTATING = [
    "At the Dunmore Courier, nothing is printed until two sources that do not depend on each other confirm it.",
    "When the Courier gets something wrong, it says so plainly and appends a correction explaining the mistake.",
    "The weather in Dunmore stayed mild through March, with light rain on most afternoons.",
]
UNRELATED = [
    "The bakery on Fenwick Street sells sourdough bread and croissants every morning from seven.",
    "Its owner, Mara Quill, opened the shop in a former bicycle repair workshop.",
]


class PlantedEngine:
    """The little of an engine the method reads, over planted paragraphs (embedded by the real model)."""

    def __init__(self, encoder, doc, texts):
        self.passages = [Passage(id=f"{doc}:{n}", doc=doc, kind="document", title="Planted", section="",
                                 locator=f"¶{n}", text=t, principle=None, source_url=None, position=n - 1)
                         for n, t in enumerate(texts, 1)]
        self.vectors = np.vstack([encoder.encode([t]) for t in texts])
        self._sentences = {p.id: (sentence_spans(p.text), np.vstack([encoder.encode([p.text[a:b]])
                                                                      for a, b in sentence_spans(p.text)]))
                           for p in self.passages}
        self.manifest = {"model": "planted"}

    def sentences_of(self, pid):
        return self._sentences[pid]


def _compare(engine, texts):
    planted = PlantedEngine(engine.encoder, "planted", texts)
    items = tuple(rc.Item(f"{k}.", t, t, None, None, k) for k, t in enumerate(LIST, 1))
    code = rc.ReferenceSet("code", "A newsroom code (fiction)", items, "collection")
    cal = study.bundled_calibration(engine)
    return report.compare(planted, "planted", code, None, engine.encoder, cal), cal


@pytest.mark.xfail(strict=True, reason="item 3 (confidential sources) comes out borderline (float32: 0.498 against "
                                       "the threshold 0.494, jitter 0.038), and the restated items lead it by 0.095, "
                                       "under the 0.1 asked: the restatement of item 1 says 'sources', and one shared "
                                       "word still lifts a facet-sentence score")
def test_a_document_restating_two_items_of_a_list_discusses_exactly_those_two(engine):
    result, cal = _compare(engine, RESTATING)
    best = {i.number: round(i.best, 3) for i in result.items}
    print("threshold", round(cal.fit.threshold, 3), "jitter", round(cal.cv.jitter(), 3), "best", best)
    assert [i.verdict for i in result.items] == ["discussed", "discussed", "not discussed", "not discussed",
                                                 "not discussed"], best
    # a margin the method really has: far more than int8 rounding (1e-3) or the threshold's own jitter
    gap = min(best[1], best[2]) - max(best[3], best[4], best[5])
    assert gap > 0.1, best
    assert {e["id"] for e in result.items[0].evidence} == {"planted:1"}
    assert {e["id"] for e in result.items[1].evidence} == {"planted:2"}


def test_the_restated_items_clear_the_threshold_by_more_than_its_jitter(engine):
    result, cal = _compare(engine, RESTATING)
    by_number = {i.number: i for i in result.items}
    # int8 rounding moves a score by about 1e-3; the jitter is how far the threshold itself moves
    for n in (1, 2):
        assert by_number[n].verdict == "discussed"
        assert by_number[n].best - cal.fit.threshold > max(2 * cal.cv.jitter(), 0.05), round(by_number[n].best, 3)
    for n in (4, 5):
        assert by_number[n].verdict == "not discussed"
        assert cal.fit.threshold - by_number[n].best > cal.cv.jitter(), round(by_number[n].best, 3)


def test_an_unrelated_document_discusses_no_item(engine):
    result, cal = _compare(engine, UNRELATED)
    best = [round(i.best, 3) for i in result.items]
    print("threshold", round(cal.fit.threshold, 3), "best", best)
    assert all(i.verdict == "not discussed" for i in result.items), best
    assert max(best) < cal.fit.threshold - 0.1


def test_a_journalists_marks_override_the_reviewed_reading():
    reading = readings.Reading("principles", "article", {6: set()})
    decision = type("D", (), {"action": readings.DISCUSSED})()
    before = readings.labels("principles", "article", [6], ["article:20"], [reading])
    after = readings.labels("principles", "article", [6], ["article:20"], [reading],
                            {readings.subject("principles", 6, "article:20"): decision})
    assert before.tolist() == [[0]] and after.tolist() == [[1]]


def test_another_machines_rounding_changes_no_reviewed_verdict_or_evidence(examples):
    """Issue 24: int8 scores differ between CPUs by about 1e-3. The fit on the bundled story's reviews
    leaves at least MIN_ROOM (5e-3) between each cut and every reviewed score, so that noise changes
    no verdict and no evidence paragraph of a reviewed item. (Re-fitting on the noisy scores can still
    move the floor by one gap when a gap's room is itself within the noise of MIN_ROOM:
    BENCHMARKS.md says so.)"""
    model = fitting.fit(examples)
    bests = np.array([e.best for e in examples])
    assert np.abs(bests - model.threshold).min() >= fitting.MIN_ROOM
    kept = np.concatenate([e.scores[e.labels != fitting.UNREVIEWED] for e in examples if e.discussed])
    assert np.abs(kept - model.floor).min() >= fitting.MIN_ROOM
    rng = np.random.default_rng(7)
    for _ in range(5):
        for e in examples:
            noisy = e.scores + rng.uniform(-1e-3, 1e-3, len(e.scores))
            assert (noisy.max() >= model.threshold) == (e.best >= model.threshold)
            if e.discussed:  # the floor decides the evidence of the items reviewed as discussed
                known = e.labels != fitting.UNREVIEWED
                assert ((noisy >= model.floor) == (e.scores >= model.floor))[known].all()
