"""Events from passages: the derived layer's pure function, and the document-level pass.

`extract(passages)` gives, per passage, one record per dated clause: its date (resolved against
the passage's own date, the document's), precision, kind, parties, amounts, the clause and where
it is. It sees one passage at a time, so that the layer cache can keep its records by the
passage's content. A date relative to the one stated before ("the next day", "two weeks later")
whose anchor is in an earlier passage is resolved afterwards by `resolve_document`, which reads a
document's records in order.
"""

import hashlib
import re
from datetime import timedelta

from explorer.analysis.events.dates import find_dates, iso, parse_reference
from explorer.analysis.events.kinds import amounts, kind_of, parties
from explorer.analysis.events.sentences import clauses, sentences

# A year-only (or quarter or half) date in a clause reporting a figure over it (revenue, a market
# share) states a measurement over that period, not something that happened: "In 2024 Halvard held a
# share of 24%", "revenue in the first half of 2025 rose 9%".
PERIOD_FIGURE = re.compile(r"\b(?:revenues?|turnover|sales|profits?|share of|held a share|market share|"
                           r"employ(?:s|ed)?|earnings)\b", re.IGNORECASE)
MIN_WORDS = 4  # a clause shorter than this names a date, it does not state an event


def event_id(passage_id: str, clause: str) -> str:
    digest = hashlib.sha1(f"{passage_id}\x00{clause}".encode("utf-8")).hexdigest()[:10]
    return f"x-{digest}"


def extract(passages: list) -> list[list[dict]]:
    """One list of event records per passage, in order (the layer cache's extract function)."""
    return [passage_events(p) for p in passages]


def passage_events(passage) -> list[dict]:
    reference = parse_reference(getattr(passage, "date", None))
    records = []
    for offset, sentence in sentences(passage.text):
        found = find_dates(sentence, reference)
        if not found:
            continue
        for clause, mentions in clauses(sentence, found):
            mention = mentions[0]
            if len(clause.split()) < MIN_WORDS:
                continue
            if ((mention.precision == "year" and not mention.relative or mention.precision in ("quarter", "half"))
                    and PERIOD_FIGURE.search(clause)):
                continue
            records.append({
                "id": event_id(passage.id, clause), "passage": passage.id, "doc": passage.doc,
                "locator": passage.locator, "position": passage.position, "offset": offset, "order": len(records),
                "text": clause, "sentence": sentence, "date_text": mention.text,
                "date": mention.value, "precision": mention.precision, "relative": mention.relative,
                "anchor": mention.anchor, "offset_days": mention.offset_days,
                "kind": kind_of(clause), "parties": parties(clause),
                "amounts": amounts(clause, reference),
            })
    return records


def resolve_document(records: list[dict]) -> list[dict]:
    """A document's records in reading order, with dates relative to the previous dated one
    resolved: "the next day" is the day after the last day-precision date stated before it."""
    ordered = sorted(records, key=lambda r: (r["position"], r.get("order", 0)))
    out, last_day = [], None
    for record in ordered:
        record = dict(record)
        if record.get("anchor") == "previous" and record.get("date") is None:
            if last_day is not None and record.get("offset_days"):
                record["date"] = iso(last_day + timedelta(days=record["offset_days"]), "day")
                record["precision"] = "day"
        if record.get("precision") == "day" and record.get("date"):
            last_day = parse_reference(record["date"])
        out.append(record)
    return out
