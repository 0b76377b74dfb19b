"""Split documents into passages with stable, readable ids.

Ids are `<doc>:<n>`: the paragraph number for a text document (`article:12` is ¶12) and the
record number for a record document (`principles:6` is Principle 6). The same corpus gives the
same ids on every build, so links and citations keep working.

For a text document: every paragraph or bullet line is one passage; a bullet "Title: text"
stays whole; a heading is never a passage, it becomes the `section` of what follows it.
"""

import re
from dataclasses import asdict, dataclass

from explorer.corpus import Document

# Bump when the splitting rules change: it is part of the index fingerprint.
CHUNKING_VERSION = "3"

BULLET = re.compile(r"^\s*[•\-\*\u2022\u25cf]\s+")
SENTENCE_END = (".", "!", "?", ":", ";", "\u201d", '"', ")")
HEADING_MAX_WORDS = 14
LABEL_MAX_WORDS = 4  # "For Mistral AI:" is a label heading, not a sentence


@dataclass(frozen=True)
class Passage:
    id: str
    doc: str
    title: str
    kind: str
    section: str
    locator: str
    text: str
    principle: int | None
    source_url: str | None
    position: int  # order within its document, from 0

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def embed_text(self) -> str:
        """What the model reads: the section names the topic a bullet belongs to."""
        return f"{self.section}: {self.text}" if self.section else self.text


def split_corpus(documents: list[Document]) -> list[Passage]:
    passages = []
    for doc in documents:
        passages.extend(split_document(doc))
    return passages


def split_document(doc: Document) -> list[Passage]:
    return _split_text(doc) if doc.is_text else _split_records(doc)


def is_heading(line: str) -> bool:
    """A short line without closing punctuation, or a short label ending in a colon."""
    words = line.split()
    if not words or BULLET.match(line):
        return False
    if line.rstrip().endswith(":"):
        return len(words) <= LABEL_MAX_WORDS
    return len(words) <= HEADING_MAX_WORDS and not line.rstrip().endswith(SENTENCE_END)


def _split_text(doc: Document) -> list[Passage]:
    lines = [line.strip() for line in doc.text.splitlines()]
    lines = [line for line in lines if line]
    if lines and lines[0] == doc.title.strip():
        lines = lines[1:]  # the title line is the document's title, not a passage
    passages: list[Passage] = []
    heading, label = "", ""
    for line in lines:
        if is_heading(line):
            if line.endswith(":"):
                label = line.rstrip(":").strip()
            else:
                heading, label = line, ""
            continue
        number = len(passages) + 1
        section = f"{heading} › {label}" if heading and label else heading or label
        passages.append(Passage(
            id=f"{doc.id}:{number}", doc=doc.id, title=doc.title, kind=doc.kind, section=section,
            locator=f"¶{number}", text=BULLET.sub("", line), principle=None,
            source_url=doc.source_url, position=number - 1,
        ))
    return passages


def _split_records(doc: Document) -> list[Passage]:
    passages = []
    for position, record in enumerate(doc.records):
        group = doc.group(record.group)
        text = f"{record.title}: {record.text}"
        if record.specifics:
            text += " Specifics: " + "; ".join(s.rstrip(".") for s in record.specifics) + "."
        passages.append(Passage(
            id=f"{doc.id}:{record.number}", doc=doc.id, title=doc.title, kind=doc.kind,
            section=group.heading if group else "", locator=f"{doc.record_label} {record.number}",
            text=text, principle=record.number if doc.id == "principles" else None,
            source_url=record.source_url, position=position,
        ))
    return passages
