"""A story's events: the derived layer (extracted, cached per passage, merged across documents)
and the reviewed layer on top (confirmed, corrected, rejected, added by hand; the curated events a
story ships are confirmed ones).

`events_of(story)` is the derived layer: never edited. `timeline_of(story)` is what the timeline
shows: every extracted event with the decision in force on it, the events added by hand, and the
confirmed events the story ships (its curated timeline), with each extracted event that one of
those already holds matched to it.
"""

import hashlib
from dataclasses import dataclass, field

from explorer.analysis.events.dates import compatible
from explorer.analysis.events.extract import extract, resolve_document
from explorer.analysis.events.kinds import KINDS
from explorer.analysis.events.merge import SAME_EVENT_SIMILARITY, coverage, merge, merged_event
from explorer.dates import PRECISIONS

VERSION = "events-6"  # the extraction rules (2: kinds read regulator nouns after verbs of speech; 3: quarter and half precision; 4: a regulator speaking, remedies, money received, opening an investigation; 5: a dateline cut from its sentence; 6: a word ending like an abbreviation, "group.", ends its sentence); with the figures module present, "+figures" (amounts change)
LAYER = "events"
TEXT_KINDS = ("article", "document")  # passages of written text; a curated timeline's own rows are not re-read
MAX_TEXT = 2_000


def rules_version() -> str:
    """The cache key of the rules: records made before the figures module was there lack amounts."""
    import importlib.util

    return VERSION + ("+figures" if importlib.util.find_spec("explorer.analysis.figures") else "")


def event_passages(story) -> list:
    from explorer.story.passages import split_corpus

    return [p for p in split_corpus(story.documents) if p.kind in TEXT_KINDS]


def events_of(story, progress=None) -> list[dict]:
    """The derived layer: extracted events merged across documents, in date order (undated last)."""
    passages = event_passages(story)
    cached = story.layer_cache.records(LAYER, rules_version(), passages, extract, progress=progress)
    by_doc: dict[str, list[dict]] = {}
    for passage in passages:
        by_doc.setdefault(passage.doc, []).extend(cached.get(passage.id) or [])
    records = [r for doc in by_doc for r in resolve_document(by_doc[doc])]
    titles = {p.id: (p.title, p.source_url, p.date) for p in passages}
    events = []
    for group in merge(records):
        event = merged_event(group)
        for source in event["sources"]:
            title, url, doc_date = titles.get(source["passage"], ("", None, None))
            source.update(title=title, source_url=url, doc_date=doc_date)
        events.append(event)
    return sorted(sorted(events, key=lambda e: e["id"]), key=sort_key)


def sort_key(event: dict):
    """Date order, undated last; a stable sort keeps the given order within a date (a curated
    timeline's own order of its rows)."""
    return (event.get("date") is None, event.get("date") or "")


@dataclass
class Timeline:
    """What the timeline shows, and how much of it is derived and how much reviewed."""

    events: list[dict]  # shown: every event not rejected, in date order
    rejected: list[dict] = field(default_factory=list)

    @property
    def extracted(self) -> int:
        return sum(1 for e in self.events + self.rejected if e["origin"] == "extracted")

    @property
    def confirmed(self) -> int:
        return sum(1 for e in self.events if e["review"] in ("confirmed", "corrected", "added"))

    def counts_sentence(self) -> str:
        return (f"{self.extracted} event{'s' * (self.extracted != 1)} extracted, {self.confirmed} confirmed"
                + (f", {len(self.rejected)} rejected" if self.rejected else ""))

    def event(self, event_id: str) -> dict | None:
        return next((e for e in self.events + self.rejected if e["id"] == event_id), None)


def timeline_of(story, extracted: list[dict] | None = None) -> Timeline:
    """The reviewed layer over the derived one (`extracted` defaults to events_of(story))."""
    extracted = events_of(story) if extracted is None else extracted
    decisions = story.reviews.current(LAYER)
    known = {e["id"] for e in extracted}
    curated = [curated_event(d) for s, d in decisions.items() if s not in known and d.action == "confirm"
               and d.origin == "shipped"]
    added = [added_event(d, story) for s, d in decisions.items() if d.action == "add" and s not in known]
    shown, rejected = [], []
    for event in extracted:
        event = {**event, "origin": "extracted", "review": "extracted", "matches": match_curated(event, curated)}
        decision = decisions.get(event["id"])
        if decision is not None:
            event["decision"] = {"action": decision.action, "author": decision.author, "at": decision.decided_at}
            if decision.action == "reject":
                rejected.append({**event, "review": "rejected"})
                continue
            if decision.action == "confirm":
                event["review"] = "confirmed"
            elif decision.action == "correct":
                event.update(corrected_fields(decision.payload), review="corrected")
        shown.append(event)
    return Timeline(sorted(shown + curated + [a for a in added if a], key=sort_key), rejected)


def corrected_fields(payload: dict) -> dict:
    out = {}
    if payload.get("date") is not None and payload.get("precision") in PRECISIONS:
        out.update(date=payload["date"], precision=payload["precision"])
    if payload.get("kind") in KINDS:
        out["kind"] = payload["kind"]
    if isinstance(payload.get("text"), str) and payload["text"].strip():
        out["text"] = payload["text"].strip()[:MAX_TEXT]
    return out


def curated_event(decision) -> dict:
    """A confirmed event a story ships (a row of its curated timeline)."""
    row = decision.payload
    return {"id": decision.subject, "date": row.get("date"), "precision": row.get("date_precision"),
            "kind": row.get("type") or "other", "text": row.get("title") or row.get("description") or "",
            "description": row.get("description") or "", "parties": [p for p in (row.get("actor"), row.get("counterparty")) if p],
            "amounts": [{"text": row["amount_as_reported"]}] if row.get("amount_as_reported") else [],
            "sources": [{"url": u.strip()} for u in str(row.get("source_urls") or "").split(";") if u.strip()],
            "origin": "curated", "review": "confirmed", "matches": None, "row": dict(row),
            "decision": {"action": decision.action, "author": decision.author, "at": decision.decided_at}}


def added_event(decision, story) -> dict | None:
    """An event a person added by hand from a passage."""
    payload = decision.payload
    fields = corrected_fields(payload)
    if "date" not in fields or "text" not in fields:
        return None
    passage = str(payload.get("passage") or "")
    doc = passage.split(":", 1)[0]
    document = story.document(doc)
    return {"id": decision.subject, "kind": "other", **fields, "parties": [], "amounts": [],
            "sources": [{"passage": passage, "doc": doc, "locator": payload.get("locator") or "",
                         "text": payload.get("quote") or fields["text"], "title": document.title if document else doc,
                         "source_url": document.source_url if document else None}],
            "origin": "added", "review": "added", "matches": None,
            "decision": {"action": "add", "author": decision.author, "at": decision.decided_at}}


def added_id(passage_id: str, text: str) -> str:
    return "added-" + hashlib.sha1(f"{passage_id}\x00{text}".encode("utf-8")).hexdigest()[:10]


def match_curated(event: dict, curated: list[dict]) -> str | None:
    """The curated event that already holds this extracted one: its date can be the curated date
    and its words state the curated headline (the share of the headline's words it has, at least
    the merging threshold; the best such headline)."""
    best, best_score = None, SAME_EVENT_SIMILARITY
    for candidate in curated:
        if not compatible(event.get("date"), candidate.get("date")):
            continue
        score = max(coverage(s["text"], candidate["text"]) for s in event["sources"])
        if score >= best_score:
            best, best_score = candidate["id"], score
    return best
