"""A view's JSON twin: what the page shows, as data, for the same URL parameters.

The search twin is the CLI's JSON (`python -m explorer search --format json`: Result.to_dict)
with what the page adds: each row's citation and permalink (the same as the page's JSON
export), the opened passage in context with its citation, the page's notices, its "did you
mean" and what it says about the query itself (`query_notices`: only very common words, not English). The
principles twin is `python -m explorer compare --format json` (report.Comparison.to_dict) plus the
view's own rows; the timeline twin is the filtered table the page charts, and the chosen event.
Every payload carries `view`, `url` (the page's link to the same state), `params` (that state)
and `notices` (the page's sentences for values it had to replace).
"""

from datetime import date

from explorer.citation import citation, matched_quote
from explorer.links.search import SearchState, permalink
from explorer.views import search as search_data

CONTEXT = 1  # passages before and after an opened one, as the page shows
MORE_LIKE_THIS = 5


def envelope(view: str, url: str, state, notices: list[str]) -> dict:
    return {"view": view, "url": url, "params": state.to_params(), "notices": list(notices)}


def search_twin(state: SearchState, engine, documents: dict, base: str, url: str, notices: list[str],
                extra: dict | None = None, accessed: date | None = None, vocabulary=None, passages=None) -> dict:
    """The rows the search page shows (exactly k), each with its citation and permalink, and the
    opened passage. `extra`: parameters every link keeps (the collection); `passages`: the ids
    the entity filter (`ent`) keeps."""
    accessed = accessed or date.today()
    out = envelope("search", url, state, notices)
    hits_by_id = {}
    if state.q:
        result, _ = search_data.run(engine, state, passages)
        payload = result.to_dict()
        for hit, row in zip(result.hits, payload["hits"]):
            link = permalink(base, hit.passage.id, result.query, extra)
            row.update(citation=citation(hit.passage, documents.get(hit.passage.doc), link,
                                         quote=matched_quote(hit.passage, hit.highlights), accessed=accessed),
                       permalink=link)
        hits_by_id = {hit.passage.id: hit for hit in result.hits}
        out.update(payload, count=len(result.hits))
    else:
        out.update(query="", hits=[], count=0)
    out["did_you_mean"] = search_data.did_you_mean(state, vocabulary, engine)
    out["query_notices"] = [n.to_dict() for n in search_data.query_notices(state, vocabulary)]
    out["accessed"] = accessed.isoformat()
    out["passage"] = opened(engine, state, hits_by_id, documents, base, extra, accessed) if state.p else None
    return out


def opened(engine, state: SearchState, hits_by_id: dict, documents: dict, base: str, extra, accessed) -> dict:
    """The opened passage as the page's right-hand panel shows it."""
    from explorer.links import page_url

    passage = engine.passage(state.p)
    link = permalink(base, passage.id, state.q, extra)
    hit = hits_by_id.get(passage.id)
    return {
        "id": passage.id, "doc": passage.doc, "kind": passage.kind, "title": passage.title,
        "section": passage.section, "locator": passage.locator, "date": passage.date, "text": passage.text,
        "source_url": passage.source_url,
        "context": [{"id": p.id, "locator": p.locator, "section": p.section, "text": p.text}
                    for p in engine.context(passage.id, CONTEXT, CONTEXT)],
        "citation": citation(passage, documents.get(passage.doc), link, quote=matched_quote(passage, hit.highlights if hit else None), accessed=accessed),
        "permalink": link,
        "link": page_url(base, "search", {**state.to_params(), **(extra or {})}),
        "more_like_this": [h.to_dict() for h in engine.more_like_this(passage.id, k=MORE_LIKE_THIS)],
    }


def principles_twin(state, data, url: str, notices: list[str]) -> dict:
    """The comparison as `compare --format json` prints it, and the rows of the view shown."""
    from explorer.analysis.coverage.alignment import align_framework, framework_table

    comparison = data.comparison
    out = envelope("principles", url, state, notices)
    out["comparison"] = comparison.to_dict()
    out["principle"] = (next(r for r in out["comparison"]["items"] if r["number"] == state.principle)
                        if state.principle is not None else None)
    if state.view == "matrix":
        out["rows"] = comparison.matrix_rows()
    elif state.view == "claims":
        out["rows"] = [{"aspect": a.aspect, "passage": a.passage.id if a.passage else None,
                        "nearest": [{"principle": n, "title": t, "score": round(float(s), 3)} for n, t, s in a.nearest],
                        "alignment": a.verdict, "agreement": a.agreement,
                        "expected_principles": list(a.expected_principles), "fact_check": a.fact_check}
                       for a in data.aspects]
        out["claims"] = [{"id": c.id, "claim": c.claim, "verdict": c.verdict, "notes": c.notes,
                          "source_urls": c.source_urls, "principles": c.principles,
                          "passage": c.passage.id if c.passage else None} for c in data.claims]
    elif state.view == "frameworks":
        doc = data.framework(state.framework)
        out["framework"] = {"id": doc.id, "title": doc.title, "publisher": doc.publisher, "date": doc.date,
                            "source_url": doc.source_url, "items": len(doc.records)}
        out["rows"] = framework_table(align_framework(data.similarity.engine, data.principles_doc, doc,
                                                      data.similarity))
    else:
        out["rows"] = comparison.table_rows()
    return out


def comparison_twin(state, comparison, url: str, notices: list[str]) -> dict:
    """A document against a reference list (the compare view): both readings, agreement, figures."""
    out = envelope("principles", url, state, notices)
    out["comparison"] = comparison.to_dict()
    out["rows"] = comparison.table_rows()
    return out


def timeline_twin(state, events, url: str, notices: list[str], timeline, story) -> dict:
    """The events the filters show (the page's table columns, with each row's review state), the
    chosen event with where it is stated, and how many events are extracted and confirmed."""
    from explorer.analysis.events.export import citation
    from explorer.analysis.events.frame import bounds
    from explorer.story import timeline as tl
    from explorer.links.timeline import period_label

    low, high = bounds(events)
    shown = tl.filter_events(events, state.start, state.end, state.types, state.statuses)
    out = envelope("timeline", url, state, notices)
    extra = [c for c in ("review", "matches") if c in shown]
    out.update(title=story.info.label("timeline_title", "Timeline"), period=period_label(state, low, high),
               count=len(shown), total=len(events), extracted=timeline.extracted, confirmed=timeline.confirmed,
               summary=timeline.counts_sentence(), events=_records(tl.table(shown, extra)),
               undated=[{"id": e["id"], "text": e["text"], "review": e["review"]} for e in timeline.events
                        if not e.get("date")])
    chosen = timeline.event(state.event) if state.event else None
    if chosen is None:
        out["event"] = None
        return out
    row = events.loc[events["id"] == state.event]
    out["event"] = _records(tl.table(row, extra))[0] if len(row) else {"id": chosen["id"], "text": chosen["text"]}
    out["event"].update(review=chosen["review"], origin=chosen["origin"], citation=citation(chosen),
                        stated_in=[{k: s.get(k) for k in ("passage", "doc", "title", "locator", "text", "date_text",
                                                          "source_url", "url") if s.get(k)} for s in chosen["sources"]])
    out["event"]["sources"] = tl.sources(out["event"].get("source_urls") or "")
    return out


def _records(frame) -> list[dict]:
    """Rows as JSON-ready dicts: NaN becomes null, numbers stay numbers."""
    import json

    return json.loads(frame.to_json(orient="records", force_ascii=False))


def home_twin(url: str, state, notices: list[str], story, data: dict) -> dict:
    """The home page: the view's data (explorer.views.home) as the page renders it, for any story."""
    out = envelope("home", url, state, notices)
    out.update(collection=story.collection.name, **data)
    return out


def about_twin(url: str, state, notices: list[str], sources: list[dict], manifest) -> dict:
    """The About page's data: every source with the records citing it, and the index manifest
    (`manifest` is a dict, or an ExplorerError when no index is built yet)."""
    out = envelope("about", url, state, notices)
    out["sources"] = [{"source": r["url"], "cited_by": r["cited_by"], "records": r["count"]} for r in sources]
    out["index"] = manifest if isinstance(manifest, dict) else {"error": manifest.problem}
    return out


def page_twin(page: str, url: str, state, notices: list[str], title: str, description: str) -> dict:
    """A page without data of its own to list (add): what it is."""
    out = envelope(page or "home", url, state, notices)
    out.update(title=title, description=description)
    return out
