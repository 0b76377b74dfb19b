"""One document's claims with the reviewed layer beside the derived one: what every view shows.

The automatic claims (check-worthy sentences with evidence and differences) and the verdicts in
force (the journalist's, or the ones a story ships) are kept apart and linked: a verdict sits
beside the claim it is about, never replaces its differences. A reviewed claim whose sentence is
not among the most check-worthy is checked too, so both readings are always side by side; one
that matches no sentence of the document is listed on its own.
"""

from dataclasses import dataclass, field

from explorer.analysis.claims.check import MAX_CLAIMS, MIN_SCORE, SAME_FACT, Claim, attach, check_document
from explorer.analysis.claims.check import document_labels, sentence_claims
from explorer.analysis.claims.evidence import candidates_for
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
                "claims": [{**c.to_dict(), "verdict": (v.to_dict() if (v := self.verdict_of(c.key)) else None)}
                           for c in self.claims],
                "unlinked_verdicts": [v.to_dict() for v in self.unlinked]}


def claims_report(story, engine, doc_id: str, limit: int = MAX_CLAIMS) -> ClaimsReport:
    """The document's claims, checked, with the verdicts in force linked to them."""
    claims = list(check_document(story, engine, doc_id, limit=limit))
    in_force = verdicts(story)
    every = sentence_claims(story, engine, doc_id)
    links, unlinked, extra = {}, [], []
    shown = {c.key for c in claims}
    for subject, verdict in in_force.items():
        key = linked_claim(verdict, every)
        if key is None:
            if not subject.startswith(f"{doc_id}:"):
                unlinked.append(verdict)
            continue
        links[key] = subject
        if key not in shown:
            extra.append(next(c for c in every if c.key == key))
            shown.add(key)
    if extra:
        extra = [Claim(**{**c.__dict__, "differences": []}) for c in extra]  # a copy: the cache stays clean
        labels = document_labels(story)
        for claim, candidates in zip(extra, candidates_for(engine, [c.text for c in extra], doc_id)):
            attach(claim, candidates, SAME_FACT, engine, labels)
        claims = sorted(claims + extra, key=lambda c: c.rank)
    return ClaimsReport(doc_id, claims, in_force, links, unlinked)


def default_document(story, engine) -> str | None:
    """The document a claims view checks when none is chosen: the article, else the first document
    with check-worthy sentences, else the first."""
    kinds = {d.id: d.kind for d in story.documents}
    docs = [d for d in engine.document_ids if kinds.get(d) not in ("factcheck", "timeline")]
    article = next((d for d in docs if kinds.get(d) == "article"), None)
    return article or next(iter(docs), None)


__all__ = ["ClaimsReport", "claims_report", "default_document", "MIN_SCORE"]
