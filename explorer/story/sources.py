"""Every public source the explorer uses, with what it supports: for the About page and audits.

Every record that names a source counts: documents, their records, the timeline's events and
each fact-check's claims."""

from collections import OrderedDict
from pathlib import Path

from explorer.story.corpus import FACTCHECK_KIND, claim_sources, load_corpus


def all_sources(corpus_dir: Path, timeline_path: Path | None = None) -> list[dict]:
    """One row per distinct URL: the URL and the records that cite it (in corpus order)."""
    used: "OrderedDict[str, list[str]]" = OrderedDict()

    def cite(url, what):
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            used.setdefault(url.strip(), []).append(what)

    for doc in load_corpus(corpus_dir):
        for url in [doc.source_url, *(doc.meta.get("source_urls") or [])]:
            cite(url, doc.title)
        if doc.kind == FACTCHECK_KIND:  # each checked claim names its own sources
            for claim in doc.entries:
                for url in claim_sources(claim):
                    cite(url, f"{doc.title}, ({claim['id']})")
        for record in doc.records:
            raw = next((r for r in doc.meta.get("records", []) if r.get("number") == record.number), {})
            for url in [record.source_url, *(raw.get("source_urls") or [])]:
                cite(url, f"{doc.title}, {doc.record_label} {record.number}")
    from explorer.story.timeline import load_timeline, sources

    timeline_path = Path(timeline_path or Path(corpus_dir) / "timeline.csv")
    events = load_timeline(timeline_path) if timeline_path.is_file() else []
    for _, event in (events.iterrows() if len(events) else ()):
        for url in sources(event["source_urls"]):
            cite(url, f"Timeline: {event['date']} {event['title']}")
    return [{"url": url, "cited_by": list(dict.fromkeys(what)), "count": len(what)} for url, what in used.items()]
