"""A story's timeline as the table its page charts: one row per event, in the columns of a
curated timeline (explorer.story.timeline), with what was derived and what reviewed.

Curated rows keep every column their file gives. An extracted or added event fills the same
columns from what was extracted: its kind as `type`, its first parties as `actor` and
`counterparty`, its clause as `title` and `description`, its documents' URLs as `source_urls`,
and its status "extracted" (not yet reviewed), "confirmed", "corrected" or "added". `review`
says the same for every row; `label` tells apart events that share a date and words.
"""

import pandas as pd

from explorer.analysis.events.dates import day_range
from explorer.analysis.events.kinds import KINDS
from explorer.story.timeline import COLUMNS, TYPES

ALL_TYPES = TYPES + tuple(k for k in KINDS if k not in TYPES)
EXTRA = ("review", "origin", "matches", "label", "where", "period_start", "period_end", "line")
TITLE_CHARS = 110


def _title(text: str) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS - 1].rstrip() + "…"


def _where(event: dict) -> str:
    """Where an extracted event is stated: its first source's document and locator."""
    sources = [s for s in event.get("sources") or [] if s.get("passage")]
    if not sources:
        return ""
    first = sources[0]
    more = f" and {len(sources) - 1} more" if len(sources) > 1 else ""
    return f"{first.get('title') or first.get('doc')}, {first.get('locator')}{more}"


def row_of(event: dict, line: int) -> dict | None:
    """One table row (None for an undated event: it cannot be placed on a time axis)."""
    span = day_range(event.get("date"), event.get("precision"))
    if span is None:
        return None
    if event["origin"] == "curated":
        row = {c: event["row"].get(c) for c in COLUMNS}
        row["status"] = row.get("status") or "confirmed"
    else:
        parties = event.get("parties") or []
        urls = [s.get("source_url") for s in event.get("sources") or [] if s.get("source_url")]
        row = {c: None for c in COLUMNS}
        row.update(id=event["id"], date=event["date"], date_precision=event["precision"], end_date="",
                   type=event.get("kind") if event.get("kind") in ALL_TYPES else "other",
                   actor=parties[0] if parties else "", counterparty=parties[1] if len(parties) > 1 else "",
                   title=_title(event.get("text")), description=event.get("text") or "",
                   amount_as_reported="; ".join(a.get("text", "") for a in event.get("amounts") or []),
                   source_urls=" ; ".join(dict.fromkeys(urls)), source_notes="", note="",
                   status=event["review"])
    for column in ("end_date", "actor", "counterparty", "amount_as_reported", "valuation_as_reported", "note",
                   "source_urls", "source_notes", "usd_equivalent_source", "currency", "valuation_currency"):
        row[column] = row.get(column) or ""
    where = _where(event)
    row.update(review=event["review"], origin=event["origin"], matches=event.get("matches") or "",
               where=where, label=f"{row['date']} · {row['title']}" + (f" ({where})" if where else ""),
               period_start=pd.Timestamp(span[0]), period_end=pd.Timestamp(span[1]), line=line)
    return row


def bounds(frame: pd.DataFrame):
    """The first and last day of the years a table's events cover (this year when it has none)."""
    from datetime import date

    if not len(frame):
        year = date.today().year
        return date(year, 1, 1), date(year, 12, 31)
    return date(frame["period_start"].min().year, 1, 1), date(frame["period_end"].max().year, 12, 31)


def timeline_frame(events: list[dict]) -> pd.DataFrame:
    """The dated events as the page's table, in date order (empty with every column when none)."""
    rows = [r for r in (row_of(e, i) for i, e in enumerate(events)) if r is not None]
    frame = pd.DataFrame(rows, columns=[*COLUMNS, *EXTRA])
    for column in ("amount", "valuation", "usd_equivalent"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame.sort_values(["period_start", "line"], kind="stable").reset_index(drop=True)


MIN_OUTLIER_GAP_DAYS = 365  # a gap shorter than a year never sets an event apart


def focus_range(frame: pd.DataFrame):
    """(first day, last day, ids left out) of the span the chart opens on: the whole table's,
    unless an event at either end stands apart from the rest by more than the rest's own span (and
    a year), like a founding "fourteen years ago" beside a year of deal news; such events stay in
    the table and the exports, and the page says that they are outside the chart. None when the
    table has fewer than four events or none stands apart."""
    if len(frame) < 4:
        return None
    rows = frame.sort_values("period_start")
    starts = list(rows["period_start"])
    ends = list(rows["period_end"])
    ids = list(rows["id"])
    low, high = 0, len(starts) - 1
    while high - low >= 3:
        rest_span = (max(ends[low + 1:high + 1]) - starts[low + 1]).days
        if (starts[low + 1] - ends[low]).days > max(rest_span, MIN_OUTLIER_GAP_DAYS):
            low += 1
            continue
        rest_span = (max(ends[low:high]) - starts[low]).days
        if (starts[high] - max(ends[low:high])).days > max(rest_span, MIN_OUTLIER_GAP_DAYS):
            high -= 1
            continue
        break
    if low == 0 and high == len(starts) - 1:
        return None
    left_out = ids[:low] + ids[high + 1:]
    return starts[low].date(), max(ends[low:high + 1]).date(), left_out
