"""The entities page's JSON twin (/api/entities?c=&type=&e=): the list the page shows (by type
and frequency), or one entity with every mention (passage, span, text, context and citation),
its neighbours and its mentions over time. The same numbers as `python -m explorer entities`."""

from datetime import date

from explorer.citation import citation
from explorer.links.search import permalink
from explorer.share.twin import envelope


def entities_twin(state, index, engine, documents: dict, base: str, url: str, notices: list[str],
                  extra: dict | None = None, accessed: date | None = None) -> dict:
    accessed = accessed or date.today()
    out = envelope("entities", url, state, notices)
    entity = index.get(state.e) if state.e else None
    if entity is None:
        rows = [e.to_dict() for e in index.of_type(state.type or None)]
        out.update(entities=rows, count=len(rows), entity=None)
        return out
    mentions = []
    for m in entity.mentions:
        if not engine.has_passage(m.passage):
            continue
        passage = engine.passage(m.passage)
        link = permalink(base, passage.id, "", {**(extra or {}), "ent": entity.id})
        mentions.append({"passage": passage.id, "doc": passage.doc, "locator": passage.locator, "start": m.start,
                         "end": m.end, "text": m.text, "field": m.field,
                         "passage_text": passage.section if m.field == "section" else passage.text, "permalink": link,
                         "citation": citation(passage, documents.get(passage.doc), link, accessed=accessed)})
    out.update(entity=entity.to_dict(), mentions=mentions,
               neighbours=[{**e.to_dict(), "passages_together": n} for e, n in index.neighbours(entity.id, n=50)],
               over_time=[{"date": d, "mentions": n} for d, n in index.over_time(entity.id)],
               accessed=accessed.isoformat())
    return out
