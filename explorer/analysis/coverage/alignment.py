"""The article's claims and other frameworks, aligned with the AI Access principles.

- Aspects: the article's four "aspects" (corpus/factchecks.json) are article paragraphs; each is
  found by its quote hint and its principles ranked by the coverage method's pair scores (the
  comparison of the article with the principles, explorer.analysis.coverage.report). Its alignment
  verdict is that method's reading of (aspect paragraph, nearest principle): aligned when the
  pair's score reaches the threshold (the paragraph alone would make the principle discussed),
  loosely aligned when it is within the threshold's jitter below it, weak otherwise.
  `agreement` says whether the engine's nearest principle is one the fact-check names.
- Claims: the fact-check notes (a-g), each with the article paragraph it checks and its sources.
- Frameworks: for one framework document, each principle beside its nearest 1-2 items, by the
  cosine of their stored embeddings centred on the topic (`Similarity`); no model needed.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from explorer.embedding.vectors import unit_rows
from explorer.search.highlight import sentence_span

PRINCIPLES = "principles"

FRAMEWORK_KIND = "framework"
ALIGNED, LOOSE, WEAK = "aligned", "loosely aligned", "weak"
AGREES, PARTLY, DIFFERS = "agrees", "partly agrees", "differs"


def alignment_verdict(margin: float, jitter: float) -> str:
    """From a pair's margin to the coverage threshold: aligned at or above it, loosely aligned
    within `jitter` below it, weak further down."""
    return ALIGNED if margin >= 0 else LOOSE if margin >= -jitter else WEAK


def agreement(ranked: list[int], expected: list[int]) -> str:
    """Does the engine's nearest principle match the fact-check's? (top 1, else any of top 3)"""
    if not expected or not ranked:
        return DIFFERS
    if ranked[0] in expected:
        return AGREES
    return PARTLY if set(ranked[:3]) & set(expected) else DIFFERS


def load_factchecks(corpus_dir) -> dict:
    from explorer.story.corpus import FACTCHECKS_FILE, read_json

    return read_json(Path(corpus_dir) / FACTCHECKS_FILE)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')).lower()


class Similarity:
    """Cosines between stored passages, centred on a fixed topic: the mean embedding of the
    documents given (the principles and the documents read against them), so that documents added
    to the index later move no score. Read-only, no model."""

    def __init__(self, engine, topic_docs=(PRINCIPLES,)):
        raw = np.asarray(engine.vectors, dtype=np.float32)
        self.engine = engine
        rows = [i for i, p in enumerate(engine.passages) if p.doc in set(topic_docs)]
        self.mean = raw[rows].mean(axis=0) if rows else np.zeros(raw.shape[1], np.float32)
        self.raw = raw
        self.vectors = unit_rows(raw - self.mean)
        self._index = {p.id: i for i, p in enumerate(engine.passages)}

    def matrix(self, row_ids, col_ids) -> tuple[np.ndarray, np.ndarray]:
        """(centred, raw) cosine matrices, rows × columns."""
        r, c = [self._index[i] for i in row_ids], [self._index[i] for i in col_ids]
        return self.vectors[r] @ self.vectors[c].T, self.raw[r] @ self.raw[c].T


def find_passage(engine, hint: str | None, doc: str = "article"):
    """The first passage of `doc` containing the hint (quotes and spaces folded), or None."""
    if not hint:
        return None
    needle = _fold(hint)
    return next((p for p in engine.passages if p.doc == doc and needle in _fold(p.text)), None)


@dataclass
class AspectAlignment:
    aspect: str
    passage: object  # the article Passage, or None if the hint was not found
    nearest: list[tuple[int, str, float]]  # (principle number, title, score), best first
    verdict: str
    agreement: str
    expected_principles: list[int]
    expected_group: str | None
    fact_check: str
    spans: tuple = ()


def align_aspects(engine, factchecks: dict, comparison, k: int = 3) -> list[AspectAlignment]:
    """The aspects against the principles, read off `comparison` (the article × principles
    comparison by the coverage method: its pair scores, threshold and jitter)."""
    threshold, jitter = comparison.calibration.fit.threshold, comparison.calibration.cv.jitter()
    column = {pid: j for j, pid in enumerate(comparison.scored.passage_ids)}
    out = []
    for aspect in factchecks.get("aspects", []):
        passage = find_passage(engine, aspect.get("article_quote_hint"), comparison.document_id)
        expected = list(aspect.get("nearest_principles") or [])
        nearest, spans, verdict = [], (), WEAK
        if passage is not None and passage.id in column:
            j = column[passage.id]
            scores = comparison.scored.scores[:, j]
            order = np.argsort(-scores, kind="stable")[:k]
            nearest = [(comparison.items[i].number, comparison.items[i].title, float(scores[i])) for i in order]
            span = comparison.scored.sentence_span(int(order[0]), j)
            spans = sentence_span(span) if span else ()
            verdict = alignment_verdict(float(scores[order[0]]) - threshold, jitter)
        out.append(AspectAlignment(
            aspect=aspect["aspect"], passage=passage, nearest=nearest, verdict=verdict,
            agreement=agreement([n for n, _, _ in nearest], expected), expected_principles=expected,
            expected_group=aspect.get("nearest_group"), fact_check=aspect.get("fact_check", ""), spans=spans))
    return out


@dataclass
class ClaimCheck:
    id: str
    claim: str
    verdict: str
    notes: str
    source_urls: list[str]
    principles: list[int]
    passage: object = None


def claim_checks(engine, factchecks: dict) -> list[ClaimCheck]:
    return [ClaimCheck(id=c["id"], claim=c["claim"], verdict=c["verdict"], notes=c.get("notes", ""),
                       source_urls=list(c.get("source_urls") or []), principles=list(c.get("principles") or []),
                       passage=find_passage(engine, c.get("article_quote_hint")))
            for c in factchecks.get("claims", [])]


@dataclass
class FrameworkRow:
    number: int
    title: str
    items: list[dict] = field(default_factory=list)  # {"id", "locator", "title", "score", "raw"}


def frameworks(documents) -> list:
    return [d for d in documents if d.kind == FRAMEWORK_KIND]


def align_framework(engine, principles_doc, framework_doc, sim: Similarity | None = None, k: int = 2) -> list[FrameworkRow]:
    """Each AI Access principle beside its nearest k items of one framework, with scores."""
    sim = sim or Similarity(engine)
    row_ids = [f"{PRINCIPLES}:{r.number}" for r in principles_doc.records]
    col_ids = [f"{framework_doc.id}:{r.number}" for r in framework_doc.records]
    scores, raw = sim.matrix(row_ids, col_ids)
    rows = []
    for i, record in enumerate(principles_doc.records):
        order = np.argsort(-scores[i], kind="stable")[:k]
        items = [{"id": col_ids[j], "locator": f"{framework_doc.record_label} {framework_doc.records[j].number}",
                  "title": framework_doc.records[j].title, "score": float(scores[i, j]), "raw": float(raw[i, j])}
                 for j in order]
        rows.append(FrameworkRow(record.number, record.title, items))
    return rows


def framework_table(rows: list[FrameworkRow]) -> list[dict]:
    """The framework comparison as shown on the page (one row per principle)."""
    table = []
    for row in rows:
        entry = {"principle": f"P{row.number} {row.title}"}
        for n, item in enumerate(row.items, 1):
            entry[f"score_{n}"] = round(item["score"], 3)  # before the long title, so it stays on screen
            entry[f"nearest_{n}"] = f"{item['locator']}: {item['title']}"
        table.append(entry)
    return table
