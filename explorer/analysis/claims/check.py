"""The claims of one document, each with its evidence and its differences: what the page, the JSON
twin, the CLI and the exports show.

Three layers, each cached where it can be:
- check-worthiness (checkworthy: the sentences and their features), cached per passage by content
  hash in story.layer_cache; the parties a sentence names come from the story's entities (with the
  journalist's merges and renames), so they are added when the claims are read;
- evidence (the candidate sentences of the other documents), the only part that needs the model:
  cached per claim sentence in story.layer_cache under the index build that answered (a new build,
  a new document, computes it again), and computed only for the claims shown;
- differences, cheap, computed on every read, so a merge or rename of an entity shows at once.
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from explorer.analysis.claims import checkworthy
from explorer.analysis.claims.differences import AGREES, DIFFERS, DISCUSSED, UNCONFIRMED, UNMENTIONED, Candidate
from explorer.analysis.claims.differences import Difference
from explorer.analysis.claims.differences import compare, status_of
from explorer.analysis.claims.evidence import candidates_for

# Cosine similarity of the claim and an evidence sentence from which the sentence is taken to be
# about the same fact. Fitted on the labelled set by explorer/bench/claims_eval.py (cross-validated
# there; BENCHMARKS.md has the figures). Below it the claim is "not mentioned" by that sentence.
SAME_FACT = 0.56  # refitted by the same procedure when the default model became float32 (0.49 under int8)
MIN_SCORE = checkworthy.MIN_SCORE  # sentences scoring at most this are not claims (checkworthy.is_claim)
MAX_CLAIMS = 60
EVIDENCE_LAYER, EVIDENCE_VERSION = "claims-evidence", "1"
STATUS_WORDS = {AGREES: "agrees", DIFFERS: "differs", UNMENTIONED: "the sources do not mention this",
                UNCONFIRMED: "the sources discuss this but state none of its figures",
                DISCUSSED: "the sources discuss this (no figure or name in it to compare)"}


@dataclass
class Claim:
    key: str  # "<passage id>.<sentence number>": the permalink's claim=
    passage_id: str
    doc: str
    locator: str
    text: str
    score: float
    features: list[str]
    start: int = 0  # the sentence's span in its passage
    end: int = 0
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


def _records(story, engine, doc_id: str):
    passages = [p for p in engine.passages if p.doc == doc_id]
    return passages, story.layer_cache.records(checkworthy.LAYER, checkworthy.VERSION, passages, checkworthy.extract)


def claim_keys(story, engine, doc_id: str) -> set[str]:
    """The keys of every sentence of the document (no entities, no model: for checking a URL)."""
    passages, layer = _records(story, engine, doc_id)
    return {f"{p.id}.{n}" for p in passages for n in range(1, len(layer.get(p.id, [])) + 1)}


def sentence_claims(story, engine, doc_id: str, parties) -> list[Claim]:
    """Every sentence of the document with its check-worthiness, most check-worthy first (ties in
    reading order). `parties`: explorer.analysis.claims.parties.Parties of the story."""
    passages, layer = _records(story, engine, doc_id)
    claims = []
    for passage in passages:
        for n, record in enumerate(layer.get(passage.id, []), 1):
            named = parties.within(passage.id, record["start"], record["end"])
            features = checkworthy.with_parties(record["features"], named, record["text"], record["start"])
            claims.append(Claim(f"{passage.id}.{n}", passage.id, passage.doc, passage.locator, record["text"],
                                checkworthy.score_of(features), features, record["start"], record["end"]))
    order = {c.key: i for i, c in enumerate(claims)}
    ranked = sorted(claims, key=lambda c: (-c.score, order[c.key]))
    for rank, claim in enumerate(ranked, 1):
        claim.rank = rank
    return ranked


def check_document(story, engine, doc_id: str, parties, threshold: float = SAME_FACT,
                   limit: int = MAX_CLAIMS) -> list[Claim]:
    """The document's claims (at most `limit`, most check-worthy first), with evidence and differences."""
    engine.check_doc(doc_id)
    claims = [c for c in sentence_claims(story, engine, doc_id, parties) if checkworthy.is_claim(c.score)][:limit]
    check_claims(story, engine, claims, doc_id, parties, threshold)
    return claims


def check_claims(story, engine, claims: list[Claim], doc_id: str, parties, threshold: float = SAME_FACT) -> None:
    """Fill in the evidence and differences of these claims (their evidence read from the cache, or
    searched for in one batch for those not seen under this index build)."""
    labels = document_labels(story)
    for claim, candidates in zip(claims, cached_candidates(story, engine, claims, doc_id)):
        attach(claim, candidates, threshold, engine, labels, parties)


def cached_candidates(story, engine, claims: list[Claim], doc_id: str) -> list[list[Candidate]]:
    """Each claim's evidence candidates, from story.layer_cache (keyed by the claim's text and the
    index build), searching only for the claims missing there."""
    build = engine.build
    context = "|".join(str(x) for x in (build.get("fingerprint"), build.get("built_at"),
                                         engine.manifest.get("model"), doc_id))
    items = [SimpleNamespace(id=c.key, doc=c.doc, text=c.text, date=None, locator="") for c in claims]

    def search(batch) -> list[list[dict]]:
        found = candidates_for(engine, [item.text for item in batch], doc_id)
        return [[c.__dict__ for c in cands] for cands in found]

    stored = story.layer_cache.records(EVIDENCE_LAYER, EVIDENCE_VERSION, items, search, context=context)
    return [[Candidate(**c) for c in stored[item.id]] for item in items]


def attach(claim: Claim, candidates: list[Candidate], threshold: float, engine, labels: dict, parties) -> None:
    """Fill in the claim's evidence, differences, status and summary from its candidates."""
    claim.differences = compare(claim, candidates, threshold, parties)
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
