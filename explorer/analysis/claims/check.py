"""The claims of one document, each with its evidence and its differences: what the page, the JSON
twin, the CLI and the exports show.

Check-worthiness is the derived layer (cached by content hash in story.layer_cache); evidence and
differences depend on the whole collection, so they are computed per request and kept in memory
for the index build that answered (a new build, a new document, recomputes them).
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from explorer.analysis.claims import checkworthy
from explorer.analysis.claims.differences import AGREES, DIFFERS, DISCUSSED, UNCONFIRMED, UNMENTIONED, Candidate
from explorer.analysis.claims.differences import Difference
from explorer.analysis.claims.differences import compare, status_of
from explorer.analysis.claims.evidence import candidates_for

# Cosine similarity of the claim and an evidence sentence from which the sentence is taken to be
# about the same fact. Fitted on the labelled set by explorer/bench/claims_eval.py (cross-validated
# there; BENCHMARKS.md has the figures). Below it the claim is "not mentioned" by that sentence.
SAME_FACT = 0.46
MIN_SCORE = 1.0  # sentences scoring below are not claims (no check-worthy feature, or opinion)
MAX_CLAIMS = 60
STATUS_WORDS = {AGREES: "agrees", DIFFERS: "differs", UNMENTIONED: "the sources do not mention this",
                UNCONFIRMED: "the sources discuss this but state none of its figures",
                DISCUSSED: "the sources discuss this (no figure or name in it to compare)"}
_CACHE: "OrderedDict[tuple, list]" = OrderedDict()
_CACHE_LOCK = threading.Lock()
CACHE_SIZE = 32


@dataclass
class Claim:
    key: str  # "<passage id>.<sentence number>": the permalink's claim=
    passage_id: str
    doc: str
    locator: str
    text: str
    score: float
    features: list[str]
    rank: int = 0
    evidence: Candidate | None = None
    differences: list[Difference] = field(default_factory=list)
    status: str = UNMENTIONED
    summary: str = ""
    evidence_locator: str = ""
    evidence_doc: str = ""

    @property
    def why(self) -> str:
        return checkworthy.why(self.features)

    def to_dict(self) -> dict:
        e = self.evidence
        return {"key": self.key, "rank": self.rank, "passage": self.passage_id, "doc": self.doc,
                "locator": self.locator, "text": self.text, "score": self.score, "features": self.features,
                "why": self.why, "status": self.status, "summary": self.summary,
                "evidence": None if e is None else {"passage": e.passage_id, "doc": self.evidence_doc,
                                                    "locator": self.evidence_locator, "sentence": e.text,
                                                    "similarity": e.similarity},
                "differences": [d.to_dict() for d in self.differences]}


def sentence_claims(story, engine, doc_id: str) -> list[Claim]:
    """Every sentence of the document with its check-worthiness, most check-worthy first (ties in
    reading order). Sentences below MIN_SCORE are left out."""
    passages = [p for p in engine.passages if p.doc == doc_id]
    layer = story.layer_cache.records(checkworthy.LAYER, checkworthy.VERSION, passages, checkworthy.extract)
    claims = []
    for passage in passages:
        for n, record in enumerate(layer.get(passage.id, []), 1):
            claims.append(Claim(f"{passage.id}.{n}", passage.id, passage.doc, passage.locator, record["text"],
                                record["score"], list(record["features"])))
    order = {c.key: i for i, c in enumerate(claims)}
    ranked = sorted(claims, key=lambda c: (-c.score, order[c.key]))
    for rank, claim in enumerate(ranked, 1):
        claim.rank = rank
    return ranked


def check_document(story, engine, doc_id: str, threshold: float = SAME_FACT, limit: int = MAX_CLAIMS) -> list[Claim]:
    """The document's claims (at most `limit`, most check-worthy first), with evidence and differences."""
    engine.check_doc(doc_id)
    key = (story.key, doc_id, engine.build.get("fingerprint"), engine.build.get("built_at"), threshold, limit)
    with _CACHE_LOCK:
        if key in _CACHE:
            _CACHE.move_to_end(key)
            return _CACHE[key]
    claims = [c for c in sentence_claims(story, engine, doc_id) if c.score >= MIN_SCORE][:limit]
    labels = document_labels(story)
    for claim, candidates in zip(claims, candidates_for(engine, [c.text for c in claims], doc_id)):
        attach(claim, candidates, threshold, engine, labels)
    with _CACHE_LOCK:
        _CACHE[key] = claims
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.popitem(last=False)
    return claims


def attach(claim: Claim, candidates: list[Candidate], threshold: float, engine, labels: dict) -> None:
    """Fill in the claim's evidence, differences, status and summary from its candidates."""
    claim.differences = compare(claim.text, candidates, threshold)
    about = [c for c in candidates if c.similarity >= threshold]
    chosen = next((d.sentence for d in claim.differences if d.status == DIFFERS), None)
    chosen = chosen or next((d.sentence for d in claim.differences if d.sentence is not None), None)
    claim.evidence = chosen or (about[0] if about else None)
    claim.status = status_of(claim.differences, bool(about))
    if claim.evidence is not None:
        passage = engine.passage(claim.evidence.passage_id)
        claim.evidence_locator, claim.evidence_doc = passage.locator, passage.doc
    claim.summary = summary(claim, labels, engine.passage)


def document_labels(story) -> dict[str, str]:
    """{doc id: how a sentence names it}: "the article", or the file it was added from, or its title."""
    names = {entry.id: getattr(entry, "source_name", None) for entry in getattr(story.collection, "documents", [])}
    out = {}
    for document in story.documents:
        if document.kind == "article":
            out[document.id] = "the article"
        else:
            name = names.get(document.id) or document.title
            out[document.id] = f"“{name if len(name) <= 50 else name[:49] + '…'}”"
    return out


def summary(claim: Claim, labels: dict, locate) -> str:
    """"agrees", "differs: the article says USD 12 million, “filing.txt” (¶7) says USD 21 million", or
    "the sources do not mention this"."""
    differing = [d for d in claim.differences if d.status == DIFFERS]
    if differing:
        ours = labels.get(claim.doc, "the document")
        parts = []
        for d in differing:
            passage = locate(d.sentence.passage_id)
            where = f"{labels.get(passage.doc, 'the source')} ({passage.locator})"
            parts.append(f"{ours} says {d.claim}, {where} says {d.evidence}")
        return "differs: " + "; ".join(parts)
    return STATUS_WORDS[claim.status]
