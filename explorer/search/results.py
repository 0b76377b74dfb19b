"""What a search returns: hits with why they matched, and the result of one query; the kind filter."""

from dataclasses import dataclass, field

from explorer.errors import ExplorerError
from explorer.story.passages import KINDS, Passage


class UnknownKindError(ExplorerError):
    """A kind filter names a passage kind that does not exist."""

    def __init__(self, unknown: list[str]):
        super().__init__(f"Unknown kind {', '.join(repr(k) for k in unknown)}.",
                         f"Valid kinds: {', '.join(KINDS)}.")


def check_kinds(kind) -> tuple[str, ...] | None:
    """A kind filter as a tuple of known kinds (None: every kind). Accepts a tuple or list of kinds,
    or one string with kinds separated by commas; an unknown kind raises UnknownKindError."""
    if kind is None:
        return None
    if isinstance(kind, str):
        kind = kind.split(",")
    kinds = tuple(dict.fromkeys(str(k).strip() for k in kind if str(k).strip()))
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise UnknownKindError(unknown)
    return kinds or None


@dataclass
class Hit:
    passage: Passage
    score: float
    rank: int
    why: dict
    highlights: list[dict]

    def to_dict(self) -> dict:
        p = self.passage
        return {
            "rank": self.rank, "id": p.id, "doc": p.doc, "kind": p.kind, "title": p.title, "section": p.section,
            "locator": p.locator, "date": p.date, "text": p.text, "score": round(float(self.score), 4),
            "principle": p.principle, "source_url": p.source_url, "why": self.why,
            "highlights": self.highlights,
        }


@dataclass
class Result:
    query: str
    mode: str
    k: int
    doc: str | None
    hits: list[Hit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    hint: str | None = None
    kind: tuple[str, ...] | None = None  # the kind filter (None: every kind)
    key_terms: list[str] = field(default_factory=list)  # the query's key words, as typed
    index: dict = field(default_factory=dict)  # the index searched: built_at and corpus fingerprint

    def to_dict(self) -> dict:
        return {"query": self.query, "mode": self.mode, "k": self.k, "doc": self.doc,
                "kind": list(self.kind) if self.kind else None, "notes": self.notes, "hint": self.hint,
                "key_terms": self.key_terms, "index": self.index, "hits": [h.to_dict() for h in self.hits]}
