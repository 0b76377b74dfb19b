"""One comparison as a journalist reads it: each item discussed or not (or borderline), its
evidence paragraphs, the reviewed reading beside the model's, and the cross-validated figures.

`examples_of(...)` gathers every reviewed item a story holds (its shipped complete readings and
its reviewed layer); `calibration(...)` fits the two tiers on them and judges the fit leave one
item out. A collection with fewer than MIN_OWN_ITEMS reviewed items of its own (and fewer than
MIN_EACH_SIDE of each verdict) uses the bundled story's fit: with fewer, some leave-one-out fold
has no item of one verdict to place a threshold against, and the figures would mean nothing.
"""

from dataclasses import dataclass

import numpy as np

from explorer.analysis.coverage import fitting, method, readings
from explorer.analysis.coverage.scoring import decide

CLOSEST = 3
MIN_OWN_ITEMS = 6
MIN_EACH_SIDE = 2
DISCUSSED, NOT_DISCUSSED, BORDERLINE = "discussed", "not discussed", "borderline"


@dataclass
class Calibration:
    fit: fitting.Fit  # fitted on every example: the one the comparison uses
    cv: fitting.CrossValidation
    source: str  # "this story's reviews" or "the bundled story's reviews"
    examples: int
    mean: object = None  # the topic the scores were centred on (method.fitted_topic)


def enough(examples) -> bool:
    judged = [e.discussed for e in examples if e.discussed is not None]
    return len(judged) >= MIN_OWN_ITEMS and sum(judged) >= MIN_EACH_SIDE and len(judged) - sum(judged) >= MIN_EACH_SIDE


def examples_of(engine, sets: dict, corpus_dir, decisions, encoder, facets_dir=None, mean=None) -> list[fitting.Example]:
    """Every reviewed item of the story behind `engine`: its shipped readings and its decisions.
    mean: the topic to centre on (None: the documents of these readings, method.fitted_topic)."""
    shipped = readings.shipped_readings(corpus_dir)
    pairs = {(r.reference, r.document) for r in shipped} | readings.reviewed_pairs(decisions)
    documents = {p.doc for p in engine.passages if p.kind in method.STUDY_KINDS}
    if mean is None:
        mean = method.fitted_topic(engine, {d for pair in pairs for d in pair})
    out = []
    for reference, document in sorted(pairs):
        if reference not in sets or document not in documents:
            continue
        scored = method.score(engine, document, sets[reference], facets_dir or corpus_dir, encoder, mean=mean)
        out += readings.examples(scored, readings.labels(reference, document, scored.numbers, scored.passage_ids,
                                                         shipped, decisions))
    return [e for e in out if e.discussed is not None]


def calibration(examples, source: str, mean=None) -> Calibration:
    return Calibration(fitting.fit(examples), fitting.cross_validate(examples), source, len(examples), mean)


@dataclass
class ItemResult:
    number: int
    label: str
    title: str
    text: str
    facets: list[str]
    facets_written: bool
    best: float
    verdict: str  # discussed / not discussed / borderline
    evidence: list[dict]  # paragraphs, best first: {"id", "locator", "score", "sentence", "reviewed"}
    closest: list[dict]  # the CLOSEST closest paragraphs whatever the verdict, best first (same fields)
    reviewed: bool | None  # the reviewed verdict (None: not reviewed)
    reviewed_paragraphs: list[str]


@dataclass
class Comparison:
    document_id: str
    document_title: str
    reference_id: str
    reference_title: str
    items: list[ItemResult]
    calibration: Calibration
    labels: np.ndarray
    scored: method.Scored
    reading: object = None  # the shipped complete reading of this pair (readings.Reading), if any
    readers: object = None  # its agreement with a shipped second reading (agreement.ReadersAgreement), if any

    def item(self, number: int) -> ItemResult:
        return next(i for i in self.items if i.number == number)

    def note(self, number: int, passage_id: str) -> dict:
        """What the reviewer wrote about a kept paragraph ({} when nothing)."""
        return (self.reading.notes.get((number, passage_id)) or {}) if self.reading is not None else {}

    def near_misses(self, number: int) -> list[dict]:
        return list(self.reading.near_misses.get(number) or []) if self.reading is not None else []

    def held_out(self, number: int):
        """The item judged by the fit made without it (fitting.HeldOut), when it was reviewed."""
        return next((r for r in self.calibration.cv.rows if (r.reference, r.number) == (self.reference_id, number)),
                    None)

    def differences(self) -> list[str]:
        """Where the two readings differ, item by item, in plain words."""
        out = []
        for i in self.items:
            if i.reviewed is None or i.verdict == BORDERLINE or (i.verdict == DISCUSSED) == i.reviewed:
                continue
            said = "discusses" if i.reviewed else "does not discuss"
            out.append(f"{i.label} {i.title}: the person's reading says the document {said} it; the model's does not "
                       f"agree" + (f" (the model's closest paragraph: {i.closest[0]['locator']})" if i.closest else "")
                       + ".")
        return out

    def matrix_rows(self) -> list[dict]:
        """One row per item, one column per paragraph: the pair's score (how close in meaning)."""
        locators = [p.locator for p in self.scored.passages]
        return [{"item": i.label, **{loc: round(float(s), 3) for loc, s in zip(locators, self.scored.scores[k])}}
                for k, i in enumerate(self.items)]

    def agreement(self) -> dict:
        reviewed = [i for i in self.items if i.reviewed is not None]
        agree = sum((i.verdict == DISCUSSED) == i.reviewed for i in reviewed if i.verdict != BORDERLINE)
        return {"reviewed_items": len(reviewed), "verdicts_agreeing": agree,
                "borderline": sum(i.verdict == BORDERLINE for i in reviewed)}

    def summary(self) -> str:
        count = sum(i.verdict == DISCUSSED for i in self.items)
        border = sum(i.verdict == BORDERLINE for i in self.items)
        text = (f"By the model's reading, “{self.document_title}” discusses {count} of the {len(self.items)} items of "
                f"“{self.reference_title}”" + (f"; {border} borderline" if border else "") + ".")
        a = self.agreement()
        if a["reviewed_items"]:
            person = sum(bool(i.reviewed) for i in self.items)
            text += (f" A person reviewed {a['reviewed_items']} of them and found {person} discussed; the two "
                     f"readings agree on {a['verdicts_agreeing']}.")
        return text

    def method_text(self) -> str:
        cal, f = self.calibration, self.calibration.cv.figures()
        return (
            "Each item is described by a few short sentences saying what it commits to (written from the item's own "
            "text before the article was read; an item without them uses its own sentences). Every sentence of every "
            "paragraph is compared by meaning with every one of those sentences, after removing what the documents "
            "the method was fitted on have in common on average (the bundled story's article and the reference "
            "lists read against it), so that sharing their topic counts for nothing; a pair's score is its "
            "closest match, from about 0 (nothing in common beyond that topic) to 1 (the same meaning). An item "
            f"is discussed when its closest paragraph scores at least {cal.fit.threshold:.2f}; its evidence is that "
            f"paragraph and any other scoring at least {cal.fit.floor:.2f}. Both numbers were fitted on {cal.source} "
            f"({cal.examples} reviewed items). Tested by leaving each reviewed item out of the fit in turn: "
            f"{f['verdicts_agreeing']} of {f['items']} verdicts agreed with the person's; of the paragraphs kept as "
            f"evidence, {_pct(f['precision'])} were ones the person kept, and {_pct(f['recall'])} of the person's "
            f"were found. The cut-off moved by up to {2 * f['jitter']:.2f} between those tests, so an item whose "
            f"closest paragraph is within {f['jitter']:.2f} of it is called borderline. Treat a verdict as a pointer "
            "to paragraphs worth reading, not a finding.")

    def to_dict(self) -> dict:
        return {"document": {"id": self.document_id, "title": self.document_title},
                "reference": {"id": self.reference_id, "title": self.reference_title},
                "summary": self.summary(), "method": self.method_text(),
                "fit": {"threshold": self.calibration.fit.threshold, "evidence_floor": self.calibration.fit.floor,
                        "source": self.calibration.source, "reviewed_items": self.calibration.examples},
                "cv": self.calibration.cv.figures(), "cv_this_reference": self.calibration.cv.figures(self.reference_id),
                "agreement": self.agreement(),
                "second_reading": None if self.readers is None else self.readers.to_dict(),
                "items": [{"number": i.number, "label": i.label, "title": i.title, "verdict": i.verdict,
                           "best_score": round(i.best, 4), "facets": i.facets, "facets_written": i.facets_written,
                           "evidence": i.evidence, "reviewed": i.reviewed, "reviewed_paragraphs": i.reviewed_paragraphs}
                          for i in self.items]}

    def table_rows(self) -> list[dict]:
        return [{"item": i.label, "title": i.title, "model": i.verdict,
                 "reviewed": "" if i.reviewed is None else (DISCUSSED if i.reviewed else NOT_DISCUSSED),
                 "evidence": " ".join(e["locator"] for e in i.evidence),
                 "reviewed_paragraphs": " ".join(i.reviewed_paragraphs),
                 "closest_sentence": i.evidence[0]["sentence"] if i.evidence else ""} for i in self.items]


def _pct(x) -> str:
    return "n/a" if x is None else f"{x:.0%}"


def compare(engine, doc_id: str, reference_set, facets_dir, encoder, cal: Calibration, readings_=(),
            decisions=None, document_title: str = "") -> Comparison:
    scored = method.score(engine, doc_id, reference_set, facets_dir, encoder, mean=cal.mean)
    label_matrix = readings.labels(reference_set.id, doc_id, scored.numbers, scored.passage_ids, readings_, decisions)
    discussed, evidence = decide(scored.scores, cal.fit.threshold, cal.fit.floor)
    jitter = cal.cv.jitter()
    items = []
    for i, item in enumerate(scored.items):
        row = scored.scores[i]
        best = float(row.max()) if len(row) else float("-inf")
        verdict = BORDERLINE if abs(best - cal.fit.threshold) < jitter else DISCUSSED if discussed[i] else NOT_DISCUSSED
        order = [j for j in np.argsort(-row, kind="stable") if evidence[i, j] or (verdict == BORDERLINE and j == int(np.argmax(row)))]
        def paragraph(j, i=i, row=row):
            p, span = scored.passages[j], scored.sentence_span(i, j)
            return {"id": p.id, "locator": p.locator, "score": round(float(row[j]), 4),
                    "sentence": p.text[span[0]:span[1]] if span else p.text, "span": list(span) if span else None,
                    "reviewed": None if label_matrix[i, j] < 0 else bool(label_matrix[i, j])}

        ev = [paragraph(j) for j in order]
        closest = [paragraph(j) for j in np.argsort(-row, kind="stable")[:CLOSEST]]
        marked = label_matrix[i]
        reviewed = True if (marked == 1).any() else False if (marked == 0).any() else None
        items.append(ItemResult(item.number, item.label, item.title, item.text, scored.facets[i], scored.written[i],
                                best, verdict, ev, closest, reviewed,
                                [scored.passages[j].locator for j in np.where(marked == 1)[0]]))
    title = document_title or (scored.passages[0].title if scored.passages else doc_id)
    reading = next((r for r in readings_ if r.reference == reference_set.id and r.document == doc_id), None)
    return Comparison(doc_id, title, reference_set.id, reference_set.title, items, cal, label_matrix, scored, reading)
