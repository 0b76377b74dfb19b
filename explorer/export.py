"""Search results as CSV and JSON: exactly the rows shown, with the query and the mode on each.

Pure: takes an engine Result (already cut to the rows on screen) and returns bytes.
"""

import csv
import io
import json
import re

from explorer.engine import Result

COLUMNS = ("rank", "id", "doc", "title", "section", "locator", "score", "semantic_score",
           "keyword_score", "matched_terms", "why", "text", "source_url", "query", "mode", "k", "doc_filter")
# A cell starting with one of these is a formula in a spreadsheet: prefix a quote so it stays text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def rows(result: Result) -> list[dict]:
    """One flat row per hit, in rank order."""
    out = []
    for hit in result.hits:
        h = hit.to_dict()
        why = h["why"]
        out.append({
            "rank": h["rank"], "id": h["id"], "doc": h["doc"], "title": h["title"], "section": h["section"],
            "locator": h["locator"], "score": h["score"], "semantic_score": why.get("semantic_score"),
            "keyword_score": why.get("keyword_score"), "matched_terms": "; ".join(why.get("matched_terms") or []),
            "why": why.get("summary", ""), "text": h["text"], "source_url": h["source_url"],
            "query": result.query, "mode": result.mode, "k": result.k, "doc_filter": result.doc or "",
        })
    return out


def to_csv(result: Result) -> bytes:
    """UTF-8 CSV with a BOM (so spreadsheets read € and curly quotes right), one row per hit."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows(result):
        writer.writerow({k: _safe_cell(v) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8-sig")


def to_json(result: Result) -> bytes:
    payload = {
        "query": result.query, "mode": result.mode, "k": result.k, "doc": result.doc,
        "count": len(result.hits), "notes": result.notes,
        "hits": [{key: value for key, value in hit.to_dict().items()} for hit in result.hits],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")


def filename(query: str, extension: str) -> str:
    """search-<slug>.<ext>: the query's first words, lowercase ASCII, or 'results'."""
    slug = re.sub(r"[^a-z0-9]+", "-", (query or "").lower()).strip("-")[:48].strip("-")
    return f"search-{slug or 'results'}.{extension}"


def _safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
