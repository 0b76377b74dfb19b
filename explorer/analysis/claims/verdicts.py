"""The journalist's verdict on a claim: the reviewed layer "claims", action "verdict".

A verdict is a rating from a short scale, a note and the evidence chosen (passage ids), recorded
in story.reviews with its author and time; the latest one on a claim is in force and the history
stays. It is shown beside the automatic differences and never replaced by them.

A story may ship reviewed claims of its own (the bundled story's fact-checks, corpus/factchecks.json):
their verdicts are mapped onto the same scale, and each is linked to the automatic claim whose
sentence holds its `article_quote_hint`.
"""

from dataclasses import dataclass

LAYER, ACTION = "claims", "verdict"
# The scale, best first, with its ClaimReview ratingValue (5 best, 1 worst; "not checkable" has none).
RATINGS = {"accurate": 5, "partly accurate": 3, "unsupported": 2, "inaccurate": 1, "not checkable": None}
MAX_NOTE = 4000


@dataclass(frozen=True)
class Verdict:
    subject: str  # the claim key, or a shipped fact-check's id
    rating: str
    note: str
    evidence: tuple[str, ...]
    author: str
    decided_at: str
    claim_text: str = ""  # what the reviewed claim says (a shipped fact-check's own wording)
    quote_hint: str = ""  # words of the document the reviewed claim is about
    origin: str = "database"
    about: tuple[str, ...] = ()  # the documents the reviewed claim is about (a claim key's own document)

    def to_dict(self) -> dict:
        return {"subject": self.subject, "rating": self.rating, "note": self.note, "evidence": list(self.evidence),
                "author": self.author, "decided_at": self.decided_at, "claim": self.claim_text,
                "quote_hint": self.quote_hint, "origin": self.origin, "about": list(self.about)}


def shipped_rating(verdict: str) -> str:
    """A shipped fact-check's verdict ("SUPPORTED (with nuance)", "CONTRADICTED / outdated") on the scale."""
    word = (verdict or "").strip().upper()
    if word.startswith("SUPPORTED"):
        return "partly accurate" if "(" in word else "accurate"
    if word.startswith("CONTRADICTED"):
        return "inaccurate"
    if word.startswith(("PARTLY", "MISLEADING", "MIXED")):
        return "partly accurate"
    if word.startswith(("UNSUPPORTED", "UNPROVEN", "UNVERIFIED")):
        return "unsupported"
    return "not checkable"


def verdicts(story) -> dict[str, Verdict]:
    """{subject: the verdict in force} of a story's reviewed claims."""
    out = {}
    for subject, decision in story.reviews.current(LAYER).items():
        payload = decision.payload or {}
        if "rating" in payload:
            rating = payload["rating"] if payload["rating"] in RATINGS else "not checkable"
            out[subject] = Verdict(subject, rating, str(payload.get("note") or ""),
                                   tuple(payload.get("evidence") or ()), decision.author, decision.decided_at,
                                   str(payload.get("claim") or ""), origin=decision.origin,
                                   about=(subject.split(":", 1)[0],) if ":" in subject else ())
        else:  # a shipped fact-check: {"claim", "verdict", "notes", "article_quote_hint", ...}
            out[subject] = Verdict(subject, shipped_rating(payload.get("verdict")), str(payload.get("notes") or ""),
                                   tuple(payload.get("source_urls") or ()), decision.author, decision.decided_at,
                                   str(payload.get("claim") or ""), str(payload.get("article_quote_hint") or ""),
                                   origin=decision.origin, about=tuple(decision.cites))
    return out


def record_verdict(story, claim_key: str, rating: str, note: str, evidence, author: str, claim_text: str = ""):
    """Append the journalist's verdict on a claim (ReviewError for a read-only story or no name)."""
    from explorer.story.reviews import ReviewError

    if rating not in RATINGS:
        raise ReviewError(f"Unknown rating {rating!r}.", "Choose one of: " + ", ".join(RATINGS) + ".")
    evidence = [e for e in (evidence or []) if e]
    return story.reviews.record(LAYER, claim_key, ACTION,
                                {"rating": rating, "note": (note or "")[:MAX_NOTE], "evidence": evidence,
                                 "claim": claim_text},
                                author, cites=[e.split(":", 1)[0] for e in evidence])


def linked_claim(verdict: Verdict, claims) -> str | None:
    """The key of the automatic claim a reviewed one is about: the claim key itself, or the claim
    whose sentence holds the reviewed claim's quote hint."""
    keys = {c.key for c in claims}
    if verdict.subject in keys:
        return verdict.subject
    hint = " ".join(verdict.quote_hint.split()).lower()
    if not hint:
        return None
    return next((c.key for c in claims if hint in " ".join(c.text.split()).lower()), None)
