"""Entity extraction measured on the labelled set (explorer/bench/data: three invented documents
and the bundled article): precision, recall and F1 per entity type on mentions, and alias merging
as pairs of mentions put in the same entity or apart.

The documents go through the same path a journalist's files take (explorer.ingest.extract, then
the passage splitter), and each labelled mention is placed in its passage by its verbatim
paragraph snippet. A predicted mention is right when it overlaps a labelled one of the same type
in the same passage (for amounts, percentages and dates the value must be right too); every other
predicted mention is wrong, including those in page furniture the labels leave out. Dates at week
precision, which figures.py does not produce, are left out of the date row, as are the predicted
dates overlapping them. `python -m explorer.bench.entities_eval`.
"""
from __future__ import annotations

import dataclasses
import json
import re
import tempfile
import time
from collections import defaultdict
from pathlib import Path

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]
EVAL_TYPES = ("person", "organisation", "place", "money", "percent", "date")
SKIPPED_PRECISIONS = ("week",)  # quarters are read at their precision since issue 22's round
TUNED_SETS = ("fiction", "mistral")  # the rules were written looking at these
HELD_OUT_SETS = ("heldout",)  # labelled by reading, never used to tune a rule


@dataclasses.dataclass(frozen=True)
class Gold:
    passage: str
    start: int
    end: int
    type: str
    entity: str
    value: object = None
    unit: str | None = None
    precision: str | None = None
    field: str = "text"  # "section": in the heading over the passage


def labelled_sets(names=TUNED_SETS) -> list[tuple[dict, list]]:
    """(labels, passages) for each named labelled set, passages made the way a collection makes them."""
    from explorer.ingest.changes import _write_document
    from explorer.ingest.extract import extract
    from explorer.story.corpus import load_corpus
    from explorer.story.passages import split_corpus

    out = []
    for name in names:
        labels = json.loads((DATA / name / "labels.json").read_text(encoding="utf-8"))
        passages = []
        with tempfile.TemporaryDirectory() as folder:
            for doc_id, info in labels["documents"].items():
                path = ROOT / info["file"] if "/" in info["file"] else DATA / name / info["file"]
                if name == "mistral":
                    docs = [d for d in load_corpus(ROOT / "corpus") if d.id == doc_id]
                    doc_passages = split_corpus(docs)
                else:
                    extracted = [dataclasses.replace(d, date=info.get("date"))
                                 for d in extract(path.read_bytes(), path.name)]
                    corpus = Path(folder) / doc_id
                    for d in extracted:
                        _write_document(corpus, d, path.name)
                    doc_passages = split_corpus(load_corpus(corpus))
                passages += [dataclasses.replace(p, doc=doc_id) for p in doc_passages]
        out.append((labels, passages))
    return out


def gold_mentions(labels: dict, passages: list) -> tuple[list[Gold], dict]:
    """The labelled mentions placed in passages, and how many of each type could not be placed
    (in a heading or a title, which are not passages)."""
    golds, unplaced = [], defaultdict(int)
    for e in labels["entities"]:
        if e.get("precision") in SKIPPED_PRECISIONS:
            continue
        for m in e["mentions"]:
            place = _place(m, passages)
            if place is None:
                unplaced[e["type"]] += 1
                continue
            p, at, where = place
            golds.append(Gold(p.id, at, at + len(m["text"]), e["type"], e["id"],
                              e.get("value", e.get("date")), e.get("currency"), e.get("precision"), where))
    return golds, unplaced


def _flat(text: str) -> str:
    return text.replace("\u00a0", " ")


def _place(m: dict, passages: list):
    """(passage, offset, field) of a labelled mention: its snippet found in a passage of its
    document (no-break spaces read as spaces, a leading bullet left out, as the splitter does),
    else in a heading, on the first passage under it (field "section")."""
    snippet = _flat(m["paragraph"])
    shift = 0
    bullet = re.match(r"^\s*[•\-*]\s+", snippet)
    if bullet:
        snippet, shift = snippet[bullet.end():], bullet.end()
    within = _flat(m["paragraph"]).index(_flat(m["text"])) - shift
    if within < 0:
        return None
    for p in passages:
        if p.doc == m["doc"] and snippet in _flat(p.text):
            return p, _flat(p.text).index(snippet) + within, "text"
    heading = re.sub(r"^#+\s+|\*\*", "", snippet)  # a Markdown heading's marks are not in the section
    for p in sorted(passages, key=lambda p: p.position):
        section = _flat(getattr(p, "section", "") or "")
        if p.doc == m["doc"] and heading in section:
            return p, section.index(heading) + heading.index(_flat(m["text"])), "section"
    return None


def _skipped_spans(labels: dict, passages: list) -> set[tuple[str, int, int]]:
    spans = set()
    for e in labels["entities"]:
        if e.get("precision") in SKIPPED_PRECISIONS:
            for m in e["mentions"]:
                place = _place(m, passages)
                if place:
                    spans.add((place[0].id, place[1], place[1] + len(m["text"]), place[2]))
    return spans


def _value_right(gold: Gold, entity) -> bool:
    if gold.type == "money":
        return entity.unit == gold.unit and abs(float(entity.value) - float(gold.value)) <= 0.005 * float(gold.value)
    if gold.type == "percent":
        return abs(float(entity.value) - float(gold.value)) <= 0.05
    if gold.type == "date":
        n = {"year": 4, "month": 7, "quarter": 7, "half": 7}.get(gold.precision, 10)
        return str(entity.value)[:n] == str(gold.value)[:n] and len(str(entity.value)) >= n
    return True


def score(labels: dict, passages: list, index) -> dict:
    """Counts per type (tp, fp, fn), merging pairs, people sharing a surname kept apart, junk names."""
    golds, unplaced = gold_mentions(labels, passages)
    skipped = _skipped_spans(labels, passages)
    counts = {t: {"tp": 0, "fp": 0, "fn": 0} for t in EVAL_TYPES}
    predicted = [(m, index.entities[m.entity]) for ms in index.by_passage.values() for m in ms]
    used: set[int] = set()
    matched: list[tuple[Gold, str]] = []
    for g in golds:
        hit = None
        for i, (m, e) in enumerate(predicted):
            if i not in used and m.passage == g.passage and m.field == g.field and e.type == g.type \
                    and m.start < g.end and g.start < m.end and _value_right(g, e):
                hit = i
                break
        if hit is None:
            counts[g.type]["fn"] += 1
        else:
            used.add(hit)
            counts[g.type]["tp"] += 1
            matched.append((g, predicted[hit][0].entity))
    for i, (m, e) in enumerate(predicted):
        if i in used or e.type not in counts:
            continue
        if e.type == "date" and any(pid == m.passage and field == m.field and m.start < end and start < m.end
                                    for pid, start, end, field in skipped):
            continue
        counts[e.type]["fp"] += 1
    for t, n in unplaced.items():
        counts[t]["fn"] += n
    pairs = {"tp": 0, "fp": 0, "fn": 0}
    names = [(g, pe) for g, pe in matched if g.type in ("person", "organisation", "place")]
    for i, (g1, p1) in enumerate(names):
        for g2, p2 in names[i + 1:]:
            same_gold, same_pred = g1.entity == g2.entity, p1 == p2
            if same_gold and same_pred:
                pairs["tp"] += 1
            elif same_pred:
                pairs["fp"] += 1
            elif same_gold:
                pairs["fn"] += 1
    apart = []
    for a, b in labels.get("distinct_people_sharing_surname", []):
        ea = {pe for g, pe in matched if g.entity == a}
        eb = {pe for g, pe in matched if g.entity == b}
        apart.append(not (ea & eb))
    junk_words = set(labels.get("non_entities", []))
    junk = sorted({m.text for m, e in predicted if e.type in ("person", "organisation") and m.text in junk_words})
    return {"types": counts, "pairs": pairs, "surnames_apart": apart, "junk": junk,
            "unplaced": sum(unplaced.values())}


def _prf(c: dict) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(use_model: bool = True, sets=None) -> dict:
    """Scores summed over the labelled sets, and the extraction rate."""
    from explorer.analysis.entities.extract import mentions_in, with_headings
    from explorer.analysis.entities.index import build_index

    sets = labelled_sets() if sets is None else sets
    total = {"types": {t: {"tp": 0, "fp": 0, "fn": 0} for t in EVAL_TYPES}, "pairs": {"tp": 0, "fp": 0, "fn": 0},
             "surnames_apart": [], "junk": [], "unplaced": 0, "passages": 0, "seconds": 0.0}
    if use_model:
        mentions_in(["Warm-up."], [None])  # load the model outside the timing
    from explorer.analysis.entities.context import _gazetteer
    _gazetteer()  # and the gazetteer
    for labels, passages in sets:
        started = time.perf_counter()
        found = with_headings(passages, use_model=use_model)
        index = build_index(passages, {p.id: f for p, f in zip(passages, found)})
        total["seconds"] += time.perf_counter() - started
        total["passages"] += len(passages)
        s = score(labels, passages, index)
        for t in EVAL_TYPES:
            for k in ("tp", "fp", "fn"):
                total["types"][t][k] += s["types"][t][k]
        for k in ("tp", "fp", "fn"):
            total["pairs"][k] += s["pairs"][k]
        total["surnames_apart"] += s["surnames_apart"]
        total["junk"] += s["junk"]
        total["unplaced"] += s["unplaced"]
    return total


def table(results: dict[str, dict], title: str = "labelled set: 3 invented documents + the bundled article") -> str:
    """A markdown table: one row per type, one column group per pipeline."""
    names = list(results)
    head = "| type | " + " | ".join(f"{n}: P / R / F1" for n in names) + " |"
    rows = [head, "|---|" + "---|" * len(names)]
    for t in EVAL_TYPES:
        cells = []
        for n in names:
            c = results[n]["types"][t]
            p, r, f = _prf(c)
            cells.append(f"{p:.2f} / {r:.2f} / **{f:.2f}** ({c['tp']}+{c['fn']} labelled)")
        rows.append(f"| {t} | " + " | ".join(cells) + " |")
    cells = []
    for n in names:
        p, r, f = _prf(results[n]["pairs"])
        cells.append(f"{p:.2f} / {r:.2f} / **{f:.2f}**")
    rows.append("| alias merging (mention pairs) | " + " | ".join(cells) + " |")
    rows.append("| people sharing a surname kept apart | " + " | ".join(
        "yes" if all(results[n]["surnames_apart"]) else "NO" for n in names) + " |")
    rows.append("| non-entities tagged person/org | " + " | ".join(
        (", ".join(results[n]["junk"]) or "none") for n in names) + " |")
    rows.append("| extraction rate (passages/s) | " + " | ".join(
        f"{results[n]['passages'] / results[n]['seconds']:.0f}" for n in names) + " |")
    unplaced = results[names[0]]["unplaced"]
    return (f"\n### Entities ({title})\n\n" + "\n".join(rows)
            + f"\n\nA mention is right when it overlaps a labelled one of the same type (and value) in the same passage. "
            f"Mentions in a heading count on the first passage under it. {unplaced} labelled mentions could not be "
            "placed in any passage or heading (counted as missed).")


def entities_table() -> str:
    """Two tables: the sets the rules were written on, and the held-out set nobody tuned on."""
    tables = []
    for names, title in ((TUNED_SETS, "tuned on: 3 invented documents + the bundled article"),
                         (HELD_OUT_SETS, "HELD OUT: 3 other invented documents, not used to tune")):
        sets = labelled_sets(names)
        tables.append(table({"spaCy sm + rules": evaluate(True, sets), "rules only": evaluate(False, sets)}, title))
    return "\n".join(tables)


def rate_table(passages: list, encoder) -> str:
    """Entity extraction against embedding on the same passages, in passages per second (the
    cache is bypassed: this is what a collection's first extraction costs)."""
    from explorer.analysis.entities.extract import mentions_in, with_headings
    from explorer.analysis.entities.index import build_index

    mentions_in(["Warm-up."], [None])
    started = time.perf_counter()
    found = with_headings(passages)
    build_index(passages, {p.id: f for p, f in zip(passages, found)})
    extraction = time.perf_counter() - started
    started = time.perf_counter()
    encoder.encode([p.embed_text for p in passages])
    embedding = time.perf_counter() - started
    n = len(passages)
    return ("\n### Entity extraction rate\n\n| what | passages | seconds | passages/s |\n|---|---|---|---|\n"
            f"| entities (spaCy sm + rules, figures, merging) | {n} | {extraction:.2f} | {n / extraction:.0f} |\n"
            f"| embedding (the index's model) | {n} | {embedding:.2f} | {n / embedding:.0f} |\n"
            f"\nExtraction costs {extraction / embedding:.0%} of the embedding's time on the same passages; "
            "both are cached per passage, so an added document costs only its own passages.")


if __name__ == "__main__":
    print(entities_table())
