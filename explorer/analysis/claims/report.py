"""One document's claims with the reviewed layer beside the derived one: what every view shows.

The automatic claims (check-worthy sentences with evidence and differences) and the verdicts in
force (the journalist's, or the ones a story ships) are kept apart and linked: a verdict sits
beside the claim it is about, never replaces its differences. A reviewed claim whose sentence is
not among the most check-worthy is checked too, so both readings are always side by side. One
that matches no sentence of the document it is about is listed on its own under that document
("reviewed claims not matched to a sentence"), or under the default document when it names none
that can be checked: no reviewed claim is ever hidden.
"""

from dataclasses import dataclass, field

from explorer.analysis.claims.check import MAX_CLAIMS, MIN_SCORE, SAME_FACT, Claim, check_claims, check_document
from explorer.analysis.claims.check import document_labels, sentence_claims
from explorer.analysis.claims.choice import DocumentChoice, choose_document
from explorer.analysis.claims.parties import parties_of
from explorer.analysis.claims.verdicts import RATINGS, Verdict, linked_claim, verdicts

VERDICT_ORDER = {rating: i for i, rating in enumerate(RATINGS)}


@dataclass
class ClaimsReport:
    doc: str
    claims: list[Claim]
    verdicts: dict[str, Verdict]  # subject -> verdict in force
    links: dict[str, str]  # claim key -> subject of the verdict about it
    unlinked: list[Verdict] = field(default_factory=list)  # reviewed claims matching no sentence
    threshold: float = SAME_FACT
    default: DocumentChoice | None = None  # the document checked when none is chosen, and why

    def verdict_of(self, claim_key: str) -> Verdict | None:
        subject = self.links.get(claim_key)
        return self.verdicts.get(subject) if subject else None

    def claim(self, key: str) -> Claim | None:
        return next((c for c in self.claims if c.key == key), None)

    def counts(self) -> dict:
        statuses = {}
        for c in self.claims:
            statuses[c.status] = statuses.get(c.status, 0) + 1
        return {"claims": len(self.claims), "reviewed": len(self.verdicts), "by_status": statuses,
                "by_verdict": {r: sum(v.rating == r for v in self.verdicts.values()) for r in RATINGS}}

    def sorted_by_verdict(self) -> list[Claim]:
        """Claims with a verdict first (worst rating first: inaccurate before accurate), then the rest
        by check-worthiness."""
        worst_first = {r: -i for r, i in VERDICT_ORDER.items()}

        def key(c):
            v = self.verdict_of(c.key)
            return (0, worst_first[v.rating], c.rank) if v else (1, 0, c.rank)
        return sorted(self.claims, key=key)

    def to_dict(self) -> dict:
        return {"doc": self.doc, "threshold": self.threshold, "counts": self.counts(),
                "default_document": self.default.to_dict() if self.default else None,
                "claims": [{**c.to_dict(), "verdict": (v.to_dict() if (v := self.verdict_of(c.key)) else None)}
                           for c in self.claims],
                "unlinked_verdicts": [v.to_dict() for v in self.unlinked]}


def claims_report(story, engine, doc_id: str, limit: int = MAX_CLAIMS, entities=None,
                  threshold: float = SAME_FACT) -> ClaimsReport:
    """The document's claims, checked, with the verdicts in force linked to them. `entities`: the
    story's EntityIndex if the caller holds one (else it is read from the story); `threshold`: the
    same-fact cosine (the fitted SAME_FACT unless a caller studies another)."""
    if entities is None:
        from explorer.analysis.entities import entities_of

        entities = entities_of(story)
    parties = parties_of(story, entities)
    claims = check_document(story, engine, doc_id, parties, threshold=threshold, limit=limit)
    in_force = verdicts(story)
    every = sentence_claims(story, engine, doc_id, parties)
    checkable = set(checkable_documents(story, engine))
    choice = document_choice(story, engine, entities)
    default = choice.doc
    links, unlinked, extra = {}, [], []
    shown = {c.key for c in claims}
    for subject, verdict in in_force.items():
        key = linked_claim(verdict, every)
        if key is None:
            about = [d for d in verdict.about if d in checkable]
            if doc_id in about or (not about and doc_id == default):
                unlinked.append(verdict)
            continue
        links[key] = subject
        if key not in shown:
            extra.append(next(c for c in every if c.key == key))
            shown.add(key)
    if extra:
        check_claims(story, engine, extra, doc_id, parties)
        claims = sorted(claims + extra, key=lambda c: c.rank)
    return ClaimsReport(doc_id, claims, in_force, links, unlinked, threshold, choice)


NOT_CHECKED_KINDS = ("factcheck", "event")  # passage kinds: the reviewed fact-checks, the timeline's events


def passage_kinds(engine) -> dict[str, str]:
    """{doc id: the kind of its passages} ("article", "factcheck", "event", "document"): the index's
    own word for what a document is (a story's document kinds are free text: "news article")."""
    return {p.doc: p.kind for p in engine.passages}


def checkable_documents(story, engine) -> list[str]:
    """The documents whose claims can be checked (not the reviewed fact-checks, not the timeline)."""
    kinds = passage_kinds(engine)
    return [d for d in engine.document_ids if kinds.get(d) not in NOT_CHECKED_KINDS]


def document_choice(story, engine, entities=None) -> DocumentChoice:
    """The document a claims view checks when none is chosen, and why (explorer.analysis.claims.
    choice: the story's article, else the document that restates the others most)."""
    return choose_document(story, checkable_documents(story, engine), entities, document_labels(story),
                           passage_kinds(engine))


def default_document(story, engine, entities=None) -> str | None:
    """The document a claims view checks when none is chosen (document_choice, without the why)."""
    return document_choice(story, engine, entities).doc


__all__ = ["ClaimsReport", "checkable_documents", "claims_report", "default_document", "document_choice",
           "MIN_SCORE"]
