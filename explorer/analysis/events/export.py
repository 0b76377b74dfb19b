"""A timeline's events as CSV rows and as TimelineJS JSON (the format newsrooms publish with:
https://timeline.knightlab.com/docs/json-format.html), each with its sources and citation."""

import csv
import io

from explorer.dates import day_range, label, precision_of

CSV_COLUMNS = ("id", "date", "precision", "kind", "text", "review", "origin", "matches", "parties", "amounts",
               "sources", "citation")


def citation(event: dict) -> str:
    """Where the event is stated: each source's document title and locator (or URL)."""
    parts = []
    for source in event.get("sources") or []:
        if source.get("passage"):
            where = f"{source.get('title') or source.get('doc')}, {source.get('locator')}".strip(", ")
            parts.append(where + (f" ({source['source_url']})" if source.get("source_url") else ""))
        elif source.get("url"):
            parts.append(source["url"])
    return "; ".join(dict.fromkeys(parts))


def rows(events: list[dict]) -> list[dict]:
    out = []
    for event in events:
        out.append({
            "id": event["id"], "date": event.get("date") or "", "precision": event.get("precision") or "",
            "kind": event.get("kind") or "", "text": event.get("text") or "", "review": event.get("review") or "",
            "origin": event.get("origin") or "", "matches": event.get("matches") or "",
            "parties": "; ".join(event.get("parties") or []),
            "amounts": "; ".join(a.get("text", "") for a in event.get("amounts") or []),
            "sources": " ; ".join(s.get("passage") or s.get("url") or "" for s in event.get("sources") or []),
            "citation": citation(event)})
    return out


def to_csv(events: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(rows(events))
    return buffer.getvalue()


def start_date(event: dict) -> dict | None:
    """TimelineJS's start_date at the event's own precision (undated events have none); a quarter
    or a half starts at its first month (TimelineJS has no quarters: `end_date` and
    `display_date` say the rest)."""
    span = _span(event)
    if span is None:
        return None
    precision = event.get("precision") or precision_of(event["date"])
    out = {"year": span[0].year}
    if precision != "year":
        out["month"] = span[0].month
    if precision == "day":
        out["day"] = span[0].day
    return out


def end_date(event: dict) -> dict | None:
    """The last month of a quarter or a half (None for the other precisions: they are points)."""
    span = _span(event)
    if span is None or (event.get("precision") or precision_of(event["date"])) not in ("quarter", "half"):
        return None
    return {"year": span[1].year, "month": span[1].month}


def _span(event: dict):
    try:
        return day_range(event.get("date"), event.get("precision"))
    except ValueError:
        return None


def to_timelinejs(events: list[dict], title: str) -> dict:
    """{"title": ..., "events": [...]} in TimelineJS's JSON format; undated events are left out
    (TimelineJS needs a start date) and counted in the title slide's text."""
    import html

    dated = [e for e in events if start_date(e)]
    slides = []
    for event in dated:
        text = html.escape(event.get("description") or "")
        cite = html.escape(citation(event))
        slides.append({
            "unique_id": event["id"], "start_date": start_date(event),
            **({"end_date": end_date(event)} if end_date(event) else {}),
            "display_date": label(event.get("date"), event.get("precision")),
            "text": {"headline": html.escape(event.get("text") or "")[:300],
                     "text": (f"<p>{text}</p>" if text else "") + f"<p>Sources: {cite}</p>"
                             + f"<p>{html.escape(event.get('review') or '')}</p>"},
            "group": event.get("kind") or "other"})
    undated = len(events) - len(dated)
    return {"title": {"text": {"headline": html.escape(title),
                               "text": f"{len(dated)} dated events" + (f"; {undated} undated left out" if undated else "")}},
            "events": slides}
