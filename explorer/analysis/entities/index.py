"""The entities of a set of passages: mentions (the derived layer, per passage) merged into
entities across the story, with the questions the views ask of them (top entities of a set of
passages, the passages mentioning one, its neighbours, its mentions over time)."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from explorer.analysis.entities.extract import FIGURE_TYPES, NAME_TYPES, TYPES
from explorer.analysis.entities.merge import canonical_name, merge_names
from explorer.analysis.figures import Figure, describe


@dataclass(frozen=True)
class Mention:
    entity: str  # entity id
    passage: str  # passage id
    doc: str
    start: int
    end: int  # character span in the passage text (in its heading when field is "section")
    text: str  # as written
    field: str = "text"  # "section": in the heading the passage sits under (on its first passage)


@dataclass
class Entity:
    id: str
    type: str  # one of TYPES
    name: str
    aliases: tuple[str, ...]  # every spelling seen, the name included
    mentions: list[Mention] = field(default_factory=list)
    value: float | str | None = None  # money / percent: the number; date: ISO
    unit: str | None = None  # money: the currency
    derived_name: str = ""  # the name before any rename
    merged_from: tuple[str, ...] = ()  # ids merged into this one by a reviewer

    @property
    def count(self) -> int:
        return len(self.mentions)

    @property
    def passages(self) -> list[str]:
        return list(dict.fromkeys(m.passage for m in self.mentions))

    def to_dict(self) -> dict:
        return {"id": self.id, "type": self.type, "name": self.name, "aliases": list(self.aliases),
                "mentions": self.count, "passages": len(self.passages), "value": self.value, "unit": self.unit,
                "merged_from": list(self.merged_from)}


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60] or "entity"


@dataclass
class EntityIndex:
    entities: dict[str, Entity]  # by id, visible ones only
    by_passage: dict[str, list[Mention]]  # passage id -> its mentions of visible entities, in order
    passage_dates: dict[str, str | None] = field(default_factory=dict)
    hidden: dict[str, Entity] = field(default_factory=dict)

    def of_type(self, kind: str | None = None) -> list[Entity]:
        """Entities (of one type, or all) by frequency, then name."""
        chosen = [e for e in self.entities.values() if kind in (None, "", e.type)]
        return sorted(chosen, key=lambda e: (-e.count, e.name.casefold()))

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def find(self, text: str) -> Entity | None:
        """An entity by id, name or alias (case ignored)."""
        if text in self.entities:
            return self.entities[text]
        folded = " ".join(text.split()).casefold()
        for e in self.of_type():
            if e.name.casefold() == folded or any(a.casefold() == folded for a in e.aliases):
                return e
        return None

    def passages_of(self, entity_id: str) -> set[str]:
        e = self.entities.get(entity_id)
        return set(e.passages) if e else set()

    def in_passage(self, passage_id: str) -> list[Entity]:
        seen = dict.fromkeys(m.entity for m in self.by_passage.get(passage_id, []))
        return [self.entities[i] for i in seen if i in self.entities]

    def top(self, passage_ids, n: int = 10, types=NAME_TYPES) -> list[tuple[Entity, int]]:
        """Facets: the entities mentioned in most of these passages, with that count."""
        counts: Counter = Counter()
        for pid in passage_ids:
            for eid in {m.entity for m in self.by_passage.get(pid, [])}:
                if self.entities[eid].type in types:
                    counts[eid] += 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], self.entities[kv[0]].name.casefold()))
        return [(self.entities[eid], c) for eid, c in ranked[:n]]

    def neighbours(self, entity_id: str, n: int = 15, types=TYPES) -> list[tuple[Entity, int]]:
        """Entities named in the same passages as this one, by the number of passages shared."""
        counts: Counter = Counter()
        for pid in self.passages_of(entity_id):
            for eid in {m.entity for m in self.by_passage.get(pid, [])} - {entity_id}:
                if self.entities[eid].type in types:
                    counts[eid] += 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], self.entities[kv[0]].name.casefold()))
        return [(self.entities[eid], c) for eid, c in ranked[:n]]

    def over_time(self, entity_id: str) -> list[tuple[str, int]]:
        """(date, mentions) for the mentions in dated passages, by date."""
        counts: Counter = Counter()
        for m in self.entities[entity_id].mentions if entity_id in self.entities else []:
            date = self.passage_dates.get(m.passage)
            if date:
                counts[date[:10]] += 1
        return sorted(counts.items())


def _figure_key(m: dict) -> tuple[str, str, float | str | None, str | None]:
    """(key, name, value, unit) of a figure mention: one entity per normalised value."""
    kind, value, unit = m["type"], m["value"], m.get("unit")
    if kind == "money":
        rounded = float(f"{float(value):.4g}")
        figure = Figure("money", m["text"], 0, 0, rounded, unit)
        return f"money {unit} {rounded:g}", describe(figure), rounded, unit
    if kind == "percent":
        rounded = round(float(value), 1)
        return f"percent {rounded:g}", describe(Figure("percent", m["text"], 0, 0, rounded, None)), rounded, None
    figure = Figure("date", m["text"], 0, 0, value, None, m.get("precision"))
    return f"date {value}", describe(figure), value, None


def build_index(passages: list, records: dict[str, list[dict]]) -> EntityIndex:
    """Merge every passage's mentions (`records`: passage id -> mention dicts) into entities."""
    from explorer.analysis.entities.story_pass import prepare

    records = prepare(passages, records)
    doc_order: dict[str, int] = {}
    names, figures = [], defaultdict(list)
    for p in passages:
        doc_order.setdefault(p.doc, len(doc_order))
        for r in records.get(p.id, []):
            m = dict(r, passage=p.id, doc=p.doc,
                     order=(doc_order[p.doc], p.position, r.get("field", "text") != "section", r["start"]))
            if r["type"] in NAME_TYPES:
                names.append(m)
            elif r["type"] in FIGURE_TYPES:
                figures[_figure_key(m)[:1] + (r["type"],)].append(m)
    groups: list[tuple[str, str, list[dict], float | str | None, str | None]] = []
    from explorer.analysis.entities.merge import _vote

    for group in merge_names(names):
        groups.append((_vote(group), canonical_name(group), group, None, None))
    for (_, kind), group in figures.items():
        _, name, value, unit = _figure_key(group[0])
        groups.append((kind, name, group, value, unit))
    entities: dict[str, Entity] = {}
    for kind, name, group, value, unit in sorted(groups, key=lambda g: (-len(g[2]), g[1])):
        entity_id = slug(name)
        if entity_id in entities:
            entity_id = f"{entity_id}-{kind}"
        n = 2
        while entity_id in entities:
            entity_id, n = f"{slug(name)}-{kind}-{n}", n + 1
        ordered = sorted(group, key=lambda m: m["order"])
        aliases = tuple(dict.fromkeys([name] + [" ".join(m["text"].split()) for m in ordered]))
        entities[entity_id] = Entity(entity_id, kind, name, aliases,
                                     [Mention(entity_id, m["passage"], m["doc"], m["start"], m["end"], m["text"],
                                              m.get("field", "text"))
                                      for m in ordered], value, unit, derived_name=name)
    return _index(entities, {p.id: p.date for p in passages})


def _index(entities: dict[str, Entity], dates: dict[str, str | None], hidden=None) -> EntityIndex:
    by_passage: dict[str, list[Mention]] = defaultdict(list)
    for e in entities.values():
        for m in e.mentions:
            by_passage[m.passage].append(m)
    for mentions in by_passage.values():
        mentions.sort(key=lambda m: (m.field != "section", m.start))
    return EntityIndex(entities, dict(by_passage), dates, dict(hidden or {}))
