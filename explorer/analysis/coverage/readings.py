"""The reviewed reading of a (document, reference list) pair, as labels the method can fit on.

Two sources, one meaning (1: the paragraph discusses the item, 0: it does not, -1: nobody said):
- a complete reading shipped with a story (corpus/reviews/coverage_review.json and
  corpus/reviews/coverage/*.json): every paragraph was read against every item, so a pair it does
  not list is a 0;
- the story's reviewed layer (`story.reviews`, layer "coverage", subject
  "<reference id>|<item number>|<passage id>", action "discussed" or "not_discussed"): a journalist
  marks pairs one by one from the evidence list; the latest decision on a pair is in force and
  overrides the shipped reading. Unmarked pairs stay -1.
"""

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from explorer.analysis.coverage.fitting import UNREVIEWED, Example

LAYER = "coverage"
DISCUSSED, NOT_DISCUSSED = "discussed", "not_discussed"
ACTIONS = (DISCUSSED, NOT_DISCUSSED)
READING_FILES = ((Path("reviews") / "coverage_review.json", "principle_pairs"),)
READING_DIR = Path("reviews") / "coverage"


def subject(reference_id: str, number: int, passage_id: str) -> str:
    return f"{reference_id}|{number}|{passage_id}"


def parse_subject(text: str) -> tuple[str, int, str] | None:
    parts = str(text).split("|")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    return parts[0], int(parts[1]), parts[2]


@dataclass(frozen=True)
class Reading:
    """A complete reading shipped with a story: reference id, document id, {item: reviewed paragraphs},
    and what the reviewer wrote: notes[(item, passage)] = {"quote", "rationale", "borderline"} for a
    kept paragraph, near_misses[item] = [{"passage", "rationale"}] for paragraphs considered and rejected."""
    reference: str
    document: str
    items: dict
    reviewer: str = ""
    date: str = ""
    notes: dict = field(default_factory=dict)
    near_misses: dict = field(default_factory=dict)
    path: Path | None = None


def shipped_readings(corpus_dir) -> list[Reading]:
    """Every complete reading in a corpus folder (none when it has no reviews/). A damaged file is a
    CorpusError naming it (the build checks them before loading the model)."""
    corpus_dir = Path(corpus_dir)
    files = [(corpus_dir / path, "principles", key) for path, key in READING_FILES]
    files += [(p, p.stem, "item_pairs") for p in sorted((corpus_dir / READING_DIR).glob("*.json"))]
    out = []
    for path, reference, key in files:
        if path.exists():
            reading = read_reading(path, reference, key)
            if reading is not None:
                out.append(reading)
    return out


def read_reading(path: Path, reference: str, key: str) -> Reading | None:
    """One reading file (`key`: "principle_pairs" or "item_pairs"); None when it cites no paragraph."""
    from explorer.errors import CorpusError
    from explorer.story.corpus import read_json

    raw = read_json(path)
    try:
        items, notes, near, cited = {}, {}, {}, []
        for entry in raw.get(key) or []:
            number = int(entry["number"])
            kept = entry.get("paragraphs") or []
            items[number] = {p["passage"] for p in kept}
            for p in kept:
                notes[(number, p["passage"])] = {"quote": str(p.get("quote") or ""),
                                                 "rationale": str(p.get("rationale") or ""),
                                                 "borderline": bool(p.get("borderline"))}
            near[number] = [{"passage": n["passage"], "rationale": str(n.get("rationale") or "")}
                            for n in entry.get("near_misses") or []]
            cited += [p["passage"] for p in kept] + [n["passage"] for n in near[number]]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise CorpusError(path, "", f"not a coverage review ({type(error).__name__}: {error}); it needs "
                                    f"'{key}', each with a number and its paragraphs") from error
    if not cited:  # the document read is the one its cited paragraphs belong to
        return None
    return Reading(reference, cited[0].split(":")[0], items, str(raw.get("reviewer", "")), str(raw.get("date", "")),
                   notes, near, path)


def labels(reference_id: str, document_id: str, numbers, passage_ids, readings=(), decisions=None) -> np.ndarray:
    """items × paragraphs of 1 / 0 / -1, from the shipped readings and then the decisions in force
    ({subject: Decision}, as story.reviews.current("coverage") returns them)."""
    out = np.full((len(numbers), len(passage_ids)), UNREVIEWED, dtype=int)
    row = {n: i for i, n in enumerate(numbers)}
    column = {p: j for j, p in enumerate(passage_ids)}
    for reading in readings:
        if reading.reference != reference_id or reading.document != document_id:
            continue
        for number, paragraphs in reading.items.items():
            if number in row:
                out[row[number], :] = 0
                for pid in paragraphs:
                    if pid in column:
                        out[row[number], column[pid]] = 1
    for key, decision in (decisions or {}).items():
        parsed = parse_subject(key)
        if parsed is None or parsed[0] != reference_id or decision.action not in ACTIONS:
            continue
        _, number, pid = parsed
        if number in row and pid in column:
            out[row[number], column[pid]] = int(decision.action == DISCUSSED)
    return out


def reviewed_pairs(decisions) -> set[tuple[str, str]]:
    """(reference id, document id) of every pair the decisions mark."""
    out = set()
    for key in decisions or {}:
        parsed = parse_subject(key)
        if parsed is not None:
            out.add((parsed[0], parsed[2].split(":")[0]))
    return out


def examples(scored, label_matrix) -> list[Example]:
    return [Example(scored.reference_id, n, scored.scores[i], label_matrix[i]) for i, n in enumerate(scored.numbers)]
