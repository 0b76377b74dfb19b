"""Search results as CSV and JSON: exactly the rows shown, with the query and the mode on each.

Pure: takes an engine Result (already cut to the rows on screen) and returns bytes. Each row
carries the same citation text the page offers (explorer.citation), the row's permalink (built
from `base_url`, the app's address) and the index that answered (its build time and corpus
fingerprint), so a row pasted into a story can be traced back and checked.

`documents` ({doc id: Document}, from explorer.story.corpus.load_corpus) gives each citation its
outlet, date and source note; without it they are cited as unknown. `accessed` is the access
date written into each citation (today by default).
"""

import csv
import io
import json
import re
from datetime import date

from explorer.citation import citation, matched_quote
from explorer.search.engine import Result
from explorer.links.search import permalink

COLUMNS = ("rank", "id", "doc", "kind", "title", "section", "locator", "date", "score", "semantic_score",
           "keyword_score", "matched_terms", "missing_terms", "why", "text", "source_url", "citation", "permalink",
           "query", "mode", "k", "doc_filter", "kind_filter", "index_built_at", "index_fingerprint")
# A cell starting with one of these is a formula in a spreadsheet: prefix a quote so it stays text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def rows(result: Result, base_url: str = "", documents: dict | None = None, accessed: date | None = None,
         extra: dict | None = None) -> list[dict]:
    """One flat row per hit, in rank order."""
    out = []
    for hit in result.hits:
        h = hit.to_dict()
        why = h["why"]
        link = permalink(base_url, hit.passage.id, result.query, extra)
        out.append({
            "rank": h["rank"], "id": h["id"], "doc": h["doc"], "kind": h["kind"], "title": h["title"],
            "section": h["section"], "locator": h["locator"], "date": h["date"], "score": h["score"],
            "semantic_score": why.get("semantic_score"), "keyword_score": why.get("keyword_score"),
            "matched_terms": "; ".join(why.get("matched_terms") or []),
            "missing_terms": "; ".join(why.get("missing_terms") or []),
            "why": why.get("summary", ""), "text": h["text"], "source_url": h["source_url"],
            "citation": _cite(hit, documents, link, accessed), "permalink": link,
            "query": result.query, "mode": result.mode, "k": result.k, "doc_filter": result.doc or "",
            "kind_filter": ",".join(result.kind or ()), "index_built_at": result.index.get("built_at"),
            "index_fingerprint": result.index.get("fingerprint"),
        })
    return out


def to_csv(result: Result, base_url: str = "", documents: dict | None = None, accessed: date | None = None,
           extra: dict | None = None) -> bytes:
    """UTF-8 CSV with a BOM (so spreadsheets read € and curly quotes right), one row per hit."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows(result, base_url, documents, accessed, extra):
        writer.writerow({k: _safe_cell(v) for k, v in row.items()})
    return buffer.getvalue().encode("utf-8-sig")


def to_json(result: Result, base_url: str = "", documents: dict | None = None, accessed: date | None = None,
            extra: dict | None = None) -> bytes:
    accessed = accessed or date.today()
    hits = []
    for hit in result.hits:
        link = permalink(base_url, hit.passage.id, result.query, extra)
        hits.append({**hit.to_dict(), "citation": _cite(hit, documents, link, accessed), "permalink": link})
    payload = {
        "query": result.query, "mode": result.mode, "k": result.k, "doc": result.doc,
        "kind": list(result.kind) if result.kind else None, "count": len(result.hits), "notes": result.notes,
        "hint": result.hint, "key_terms": result.key_terms, "index": result.index,
        "accessed": accessed.isoformat(), "hits": hits,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")


def filename(query: str, extension: str) -> str:
    """search-<slug>.<ext>: the query's first words, lowercase ASCII, or 'results'."""
    slug = re.sub(r"[^a-z0-9]+", "-", (query or "").lower()).strip("-")[:48].strip("-")
    return f"search-{slug or 'results'}.{extension}"


def _cite(hit, documents: dict | None, link: str, accessed: date | None) -> str:
    """The page's citation of a hit: a verbatim passage quoted by the sentence that matched."""
    return citation(hit.passage, (documents or {}).get(hit.passage.doc), link,
                    quote=matched_quote(hit.passage, hit.highlights), accessed=accessed)


def _safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
