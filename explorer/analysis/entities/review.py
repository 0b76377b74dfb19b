"""The reviewed layer on top of the derived entities: a journalist merges one entity into another,
renames one or hides one. Decisions are read, in the order they were made, from
`story.reviews.history("entities")` (subject: the entity id; actions "merge" {"into": id} or
{"into": ""} to undo, "rename" {"name": ...}, "hide", "show"); the derived layer is never edited.
An entity id is the slug of its derived name, so a decision keeps applying while that name does."""
from __future__ import annotations

from dataclasses import replace

from explorer.analysis.entities.index import Entity, EntityIndex, Mention, _index

ACTIONS = ("merge", "rename", "hide", "show")


def apply_reviews(index: EntityIndex, decisions) -> EntityIndex:
    """A new index with the decisions applied (decisions on entities that no longer exist are skipped)."""
    into: dict[str, str] = {}
    names: dict[str, str] = {}
    hidden: set[str] = set()
    for d in decisions:
        if d.action == "merge":
            target = str((d.payload or {}).get("into") or "")
            if target and target != d.subject:
                into[d.subject] = target
            else:
                into.pop(d.subject, None)
        elif d.action == "rename" and str((d.payload or {}).get("name") or "").strip():
            names[d.subject] = " ".join(str(d.payload["name"]).split())
        elif d.action == "hide":
            hidden.add(d.subject)
        elif d.action == "show":
            hidden.discard(d.subject)

    def root(entity_id: str) -> str:
        seen = {entity_id}
        while entity_id in into and into[entity_id] in index.entities and into[entity_id] not in seen:
            entity_id = into[entity_id]
            seen.add(entity_id)
        return entity_id

    merged: dict[str, Entity] = {}
    for e in index.entities.values():
        target = root(e.id)
        base = merged.get(target) or replace(index.entities[target], mentions=[], aliases=(), merged_from=())
        mentions = [Mention(target, m.passage, m.doc, m.start, m.end, m.text, m.field) for m in e.mentions]
        base.mentions = sorted(base.mentions + mentions, key=lambda m: (m.doc, m.passage, m.start))
        base.aliases = tuple(dict.fromkeys(base.aliases + e.aliases))
        if e.id != target:
            base.merged_from = base.merged_from + (e.id,)
        merged[target] = base
    for entity_id, name in names.items():
        if entity_id in merged:
            merged[entity_id].name = name
            merged[entity_id].aliases = tuple(dict.fromkeys((name,) + merged[entity_id].aliases))
    gone = {i: merged.pop(i) for i in list(merged) if i in hidden}
    return _index(merged, index.passage_dates, gone)
