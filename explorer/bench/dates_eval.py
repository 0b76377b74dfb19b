"""Own date patterns (explorer/analysis/figures.py) against `dateparser` on the labelled set's date
mentions: each labelled mention is looked for in its paragraph snippet with the document's date as
the reference, and the not-events strings (page footers, case numbers, citations, section numbers)
are searched for dates that should not be there. `python -m explorer.bench.dates_eval`."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

from explorer.analysis.figures import find_figures

DATA = Path(__file__).parent / "data"


def _mentions():
    for name in ("fiction", "mistral", "heldout"):
        labels = json.loads((DATA / name / "labels.json").read_text(encoding="utf-8"))
        dates = {d: (datetime.date.fromisoformat(v["date"]) if v.get("date") else None)
                 for d, v in labels["documents"].items()}
        for e in labels["entities"]:
            if e["type"] != "date" or e["precision"] not in ("day", "month", "year"):
                continue
            for m in e["mentions"]:
                yield m["text"], m["paragraph"], dates[m["doc"]], e["date"], e["precision"]
        for text in labels["not_events"]:
            yield None, text, None, None, None


def _prefix(value: str, precision: str) -> str:
    return value[: {"year": 4, "month": 7}.get(precision, 10)]


def own(text, snippet, ref):
    return [(f.text, f.value) for f in find_figures(snippet, ref) if f.kind == "date"]


def with_dateparser(text, snippet, ref):
    from dateparser.search import search_dates
    settings = {"RELATIVE_BASE": datetime.datetime.combine(ref or datetime.date(1900, 1, 1), datetime.time()),
                "PREFER_DATES_FROM": "past", "REQUIRE_PARTS": []}
    found = search_dates(snippet, languages=["en"], settings=settings) or []
    return [(t, d.date().isoformat()) for t, d in found]


def measure(finder) -> dict:
    right = total = false_dates = 0
    for text, snippet, ref, iso, precision in _mentions():
        found = finder(text, snippet, ref)
        if text is None:
            false_dates += len(found)
            continue
        total += 1
        right += any(text.lower() in t.lower() and _prefix(str(v), precision) == _prefix(iso, precision)
                     for t, v in found)
    return {"mentions": total, "right": right, "recall": round(right / total, 3),
            "dates found in not-events": false_dates}


if __name__ == "__main__":
    print("own patterns:", measure(own))
    print("dateparser  :", measure(with_dateparser))
