"""Reference lists: the items a document is compared against, and the documents that can be studied.

A **reference set** is a list of items to look for: the AI Access Principles, one of a story's
frameworks (or its tenets), or a document of a collection whose numbered or bulleted lines become
the items (`detect_items`: at least MIN_ITEMS of them). The **document under study** is any text
document of an index (the bundled article, or a document a journalist added to a collection).
Pure: numpy and the standard library.
"""

import re
from dataclasses import dataclass

import numpy as np

from explorer.text import BULLET_CLASS, BULLET_MARKS

PRINCIPLES = "principles"
PRINCIPLES_SET = PRINCIPLES  # the reference set id of the AI Access Principles
MIN_ITEMS = 3
TOP_N = 3
REFERENCE_KINDS = ("principles", "tenets", "framework")  # bundled record documents usable as reference sets
STUDY_KINDS = ("article", "document")  # passage kinds of a document that can be studied
SENTENCE = "sentence"

# An item line: a marker, then whitespace, then the item. Markers: 1. 1) (1) a. a) (a) iv. (iv)
# and bullets (explorer.text.BULLET_MARKS). "1.5 million" and "e.g. this" are not items (no space after the
# marker); a marker alone on a line is not an item.
ITEM = re.compile(
    r"^\s*(?P<marker>\(?\d{1,3}[.)]|\(\d{1,3}\)|\(?[A-Za-z][.)]|\([A-Za-z]\)|\(?[ivxlIVXL]{1,5}[.)]|\([ivxlIVXL]{1,5}\)"
    r"|" + BULLET_CLASS + r")\s+(?P<text>\S.*?)\s*$")
BULLETS = set(BULLET_MARKS)
MIN_ITEM_WORDS = 2
# A list run into one paragraph ("... three questions: 1. ... 2. ... 3. ..."), as documents added to
# a collection are stored (explorer.ingest.changes joins the lines of a paragraph): markers numbered 1, 2,
# 3... or (a), (b), (c)..., in order, or the unambiguous bullets • ● ▪.
INLINE_NUMBER = re.compile(r"(?:^|(?<=\s))\(?(\d{1,2})[.)]\s+")
INLINE_LETTER = re.compile(r"(?:^|(?<=\s))\(([a-z])\)\s+")
INLINE_BULLET = re.compile(r"(?:^|(?<=\s))[•●▪]\s+")


# --- reference sets ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Item:
    """One thing a reference set asks for. `text` is what the lexical feature reads; `vector` its
    embedding (L2-normalised) when the index holds it, else None (encoded from `text` on use)."""
    label: str  # "P3", "Item 4", "1.", "(b)"
    title: str
    text: str
    vector: np.ndarray | None = None
    passage_id: str | None = None
    number: int = 0  # the item's number in its set (the record number, or its place in the list)


@dataclass(frozen=True, eq=False)
class ReferenceSet:
    id: str  # "principles", a framework id ("oecd-ai"), "tenets", or a collection document id
    title: str
    items: tuple[Item, ...]
    origin: str = "bundled"  # "bundled" (the story's principles and frameworks) or "collection"

    def __len__(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class DetectedItem:
    marker: str
    text: str
    line: int  # 0-based line number in the document text


def detect_items(text: str, min_items: int = MIN_ITEMS) -> list[DetectedItem]:
    """The numbered or bulleted lines of a text, in order ([] when fewer than `min_items`).

    A line is an item when it starts with a list marker followed by a space (see ITEM) and holds at
    least MIN_ITEM_WORDS words. The longest run of one marker style wins when styles are mixed
    (a numbered list with a few dashes elsewhere keeps the numbered list)."""
    found = []
    for n, line in enumerate((text or "").split("\n")):
        inline = _inline_items(line, n, min_items)
        if inline:
            found.extend(i for i in inline if len(i.text.split()) >= MIN_ITEM_WORDS)
            continue
        m = ITEM.match(line)
        if m and len(m.group("text").split()) >= MIN_ITEM_WORDS:
            found.append(DetectedItem(m.group("marker"), m.group("text"), n))
    if not found:
        return []
    styles: dict[str, list[DetectedItem]] = {}
    for item in found:
        styles.setdefault(_style(item.marker), []).append(item)
    best = max(styles.values(), key=len)
    return best if len(best) >= min_items else []


def _inline_items(line: str, n: int, min_items: int) -> list[DetectedItem]:
    """The items of a list run into one line (at least `min_items` markers in sequence), else []."""
    runs = []
    for pattern, rank in ((INLINE_NUMBER, int), (INLINE_LETTER, lambda c: ord(c) - ord("a") + 1)):
        run: list = []
        for m in pattern.finditer(line):
            k = rank(m.group(1))
            if k == len(run) + 1:
                run.append(m)
            elif k == 1 and len(run) < min_items:
                run = [m]
        runs.append(run)
    runs.append(list(INLINE_BULLET.finditer(line)))
    best = max(runs, key=len)
    if len(best) < max(min_items, 2):
        return []
    ends = [m.start() for m in best[1:]] + [len(line)]
    return [DetectedItem(m.group(0).strip(), line[m.end():end].strip(), n) for m, end in zip(best, ends)]


def _style(marker: str) -> str:
    """bullet, number or letter ("i.", "ii." and "a." are one style: "i." is both a letter and a numeral)."""
    if marker in BULLETS:
        return "bullet"
    return "number" if marker.strip("().").isdigit() else "letter"


def _item_title(text: str, words: int = 10) -> str:
    head = re.split(r"(?<=[:.;])\s", text, maxsplit=1)[0].rstrip(":.;")
    parts = head.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _record_set(engine, doc) -> ReferenceSet:
    index = {p.id: i for i, p in enumerate(engine.passages)}
    vectors = np.asarray(engine.vectors, dtype=np.float32)
    items = []
    for record in doc.records:
        pid = f"{doc.id}:{record.number}"
        row = index.get(pid)
        label = f"P{record.number}" if doc.id == PRINCIPLES else f"{doc.record_label} {record.number}"
        text = engine.passages[row].text if row is not None else f"{record.title}: {record.text}"
        items.append(Item(label, record.title, text, vectors[row] if row is not None else None,
                          pid if row is not None else None, record.number))
    return ReferenceSet(doc.id, doc.title, tuple(items), "bundled")


def list_set(engine, doc, min_items: int = MIN_ITEMS) -> ReferenceSet | None:
    """A text document's numbered or bulleted lines as a reference set (None with fewer than
    `min_items`). An item whose line is one of the index's passages takes that passage's vector."""
    detected = detect_items(doc.text or "", min_items)
    if not detected:
        return None
    vectors = np.asarray(engine.vectors, dtype=np.float32) if engine is not None else None
    by_text = {}
    if engine is not None:
        for i, p in enumerate(engine.passages):
            if p.doc == doc.id:
                by_text.setdefault(p.text.strip(), i)
    items = []
    for k, d in enumerate(detected, 1):
        line = doc.text.split("\n")[d.line].strip()
        row = by_text.get(line, by_text.get(d.text.strip()))
        label = f"Item {k}" if d.marker in BULLETS else d.marker
        items.append(Item(label, _item_title(d.text), d.text, vectors[row] if row is not None else None,
                          engine.passages[row].id if row is not None else None, k))
    return ReferenceSet(doc.id, doc.title, tuple(items), "collection")


def reference_sets(bundled_engine, collection_engine=None, bundled_documents=None,
                   collection_documents=None) -> list[ReferenceSet]:
    """Every reference set on offer: the principles, then the tenets and each framework of the
    bundled story, then each text document of the collection with ≥ MIN_ITEMS list items."""
    from explorer.story.corpus import load_corpus

    if bundled_documents is None:
        bundled_documents = load_corpus(bundled_engine.config.corpus_dir)
    records = [d for d in bundled_documents if not d.is_text and d.kind in REFERENCE_KINDS and d.records]
    records.sort(key=lambda d: (d.id != PRINCIPLES, d.id != "tenets", d.id))
    sets = [_record_set(bundled_engine, d) for d in records]
    if collection_engine is not None:
        if collection_documents is None:
            collection_documents = load_corpus(collection_engine.config.corpus_dir)
        taken = {s.id for s in sets}
        for doc in collection_documents:
            if doc.is_text and doc.id not in taken:
                found = list_set(collection_engine, doc)
                if found is not None:
                    sets.append(found)
    return sets


def study_documents(engine, documents=None) -> list:
    """The documents of an index that can be studied: text documents with passages (in order)."""
    from explorer.story.corpus import load_corpus

    documents = load_corpus(engine.config.corpus_dir) if documents is None else documents
    with_passages = {p.doc for p in engine.passages if p.kind in STUDY_KINDS}
    return [d for d in documents if d.is_text and d.id in with_passages]


