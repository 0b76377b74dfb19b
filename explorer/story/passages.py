"""Split documents into passages with stable, readable ids.

Ids are `<doc>:<n>`: the paragraph number for a text document (`article:12` is ¶12) and the
record number for a record document (`principles:6` is Principle 6). Timeline events and
fact-checks are `event:<event id>` and `factcheck:<claim id>`. The same corpus gives the same
ids on every build, so links and citations keep working.

For a text document: every paragraph or bullet line is one passage; a bullet "Title: text"
stays whole; a heading is never a passage, it becomes the `section` of what follows it.
An event is one passage whose section is its title and whose text holds its description,
parties, amounts and valuation as reported, the note on what sources disagree on, its status
and its sources; a fact-check is one passage holding the claim, the verdict and the notes.

Every passage has a `kind`, one of KINDS, for filtering: `article` (the article's paragraphs),
`principle` (the AI Access Principles), `framework` (the tenets and the other frameworks'
items), `event` (timeline events) and `factcheck` (the fact-checks of the article's claims).
"""

import re
from dataclasses import asdict, dataclass
from explorer.story.corpus import FACTCHECK_KIND, TIMELINE_KIND, Document
from explorer.story.urls import domain

# Bump when the splitting or tokenising rules change: it is part of the index fingerprint.
# 4: events and fact-checks are passages; passages carry a kind and a date; negated compounds
# ("non-public") are one term. 5: added documents keep every line (a heading with no paragraph
# after it, and the title line, are passages) and their own paragraph numbers are the locator.
# 6: page furniture ("Advertisement", "Share this article") is never a section heading.
CHUNKING_VERSION = "6"

ARTICLE, PRINCIPLE, FRAMEWORK, EVENT, FACTCHECK = "article", "principle", "framework", "event", "factcheck"
PRINCIPLES_KIND = "principles"  # a record document of this kind is a list of principles (its records numbered)
DOCUMENT = "document"  # a document a journalist added to a collection (explorer.ingest.changes)
KINDS = (ARTICLE, PRINCIPLE, FRAMEWORK, EVENT, FACTCHECK, DOCUMENT)
KIND_LABELS = {ARTICLE: "Article", PRINCIPLE: "Principles", FRAMEWORK: "Frameworks and tenets",
               EVENT: "Timeline events", FACTCHECK: "Fact-checks", DOCUMENT: "Added documents"}
PAGE_BREAK = "\f"  # between the pages of a paged document's text file (PDFs added to a collection)

BULLET = re.compile(r"^\s*[•\-\*\u2022\u25cf]\s+")
SENTENCE_END = (".", "!", "?", ":", ";", "\u201d", '"', ")")
HEADING_MAX_WORDS = 14
LABEL_MAX_WORDS = 4  # "For Mistral AI:" is a label heading, not a sentence
# Lines a news site prints between paragraphs, copied along with a story's text: short and
# unpunctuated like a heading, but they name no section, so the paragraphs after them keep theirs.
PAGE_FURNITURE = frozenset({
    "advertisement", "advertisements", "sponsored", "sponsored content", "share", "share this",
    "share this article", "share this story", "share on facebook", "share on twitter", "share on x",
    "read more", "related", "related articles", "related stories", "more on this story",
    "skip to content", "skip to main content", "sign up", "subscribe", "newsletter",
    "sign up for our newsletter", "comments", "print", "email", "continue reading", "story continues below",
    "article continues below", "advertisement - scroll to continue", "scroll to continue",
})
FURNITURE_MAX_WORDS = max(len(line.split()) for line in PAGE_FURNITURE) + 1  # a leading dash or bar counts as a word


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
    source_url: str | None  # the primary source: the first of an event's or fact-check's sources
    position: int  # order within its document, from 0
    date: str | None = None  # an event's date, else its document's date (None when unknown)

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def key(self) -> str:
        """The id without its prefix: the event id, claim id, record or paragraph number."""
        return self.id.split(":", 1)[1]

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
    if doc.kind == TIMELINE_KIND:
        return _split_events(doc)
    if doc.kind == FACTCHECK_KIND:
        return _split_factchecks(doc)
    return _split_text(doc) if doc.is_text else _split_records(doc)


def kind_of(doc: Document) -> str:
    """The passage kind of a document's passages."""
    if doc.kind == TIMELINE_KIND:
        return EVENT
    if doc.kind == FACTCHECK_KIND:
        return FACTCHECK
    if doc.kind == DOCUMENT:
        return DOCUMENT
    if doc.is_text:
        return ARTICLE
    return PRINCIPLE if doc.kind == PRINCIPLES_KIND else FRAMEWORK


def is_furniture(line: str) -> bool:
    """A line of a news site's page furniture ("Advertisement", "Share this article")."""
    return " ".join(line.strip(" \t-–—|•·").split()).lower().rstrip(".:") in PAGE_FURNITURE


def is_heading(line: str) -> bool:
    """A short line without closing punctuation, or a short label ending in a colon; never page
    furniture."""
    words = line.split()
    if not words or BULLET.match(line) or (len(words) <= FURNITURE_MAX_WORDS and is_furniture(line)):
        return False
    if line.rstrip().endswith(":"):
        return len(words) <= LABEL_MAX_WORDS
    return len(words) <= HEADING_MAX_WORDS and not line.rstrip().endswith(SENTENCE_END)


def _split_text(doc: Document) -> list[Passage]:
    """One passage per paragraph line. In a paged document (a PDF) a line holding only a page
    break starts the next page, and locators say where: "p. 3 ¶2". A document that numbers its
    own paragraphs ("10. The Authority finds...") is cited by those numbers: "para. 10 (p. 2)".

    A document someone added keeps every line searchable: its first line stays a passage (it is
    also its title when the file names none), and a heading with no paragraph under it (a list of
    names, a signature, a one-line note) is a passage of its own rather than nobody's section."""
    paged = bool(doc.meta.get("paged"))
    added = doc.kind == DOCUMENT
    lines, page = [], 1
    for raw in doc.text.split("\n"):
        if paged and raw.strip(" \t\r") == PAGE_BREAK:
            page += 1
        elif raw.strip():
            lines.append((page, raw.strip()))
    if lines and lines[0][1] == doc.title.strip() and not added:
        lines = lines[1:]  # the title line is the document's title, not a passage
    numbers = paragraph_numbers([line for _, line in lines]) if added else {}
    passages: list[Passage] = []
    heading, label = "", ""
    on_page: dict[int, int] = {}
    for at, (page, line) in enumerate(lines):
        orphan = added and (at + 1 == len(lines) or is_heading(lines[at + 1][1]))
        if is_heading(line) and not orphan:
            if line.endswith(":"):
                label = line.rstrip(":").strip()
            else:
                heading, label = line, ""
            continue
        number = len(passages) + 1
        on_page[page] = on_page.get(page, 0) + 1
        section = f"{heading} › {label}" if heading and label else heading or label
        if at in numbers:
            locator = f"para. {numbers[at]}" + (f" (p. {page})" if paged else "")
        else:
            locator = f"p. {page} ¶{on_page[page]}" if paged else f"¶{number}"
        passages.append(Passage(
            id=f"{doc.id}:{number}", doc=doc.id, title=doc.title, kind=kind_of(doc), section=section,
            locator=locator, text=BULLET.sub("", line), principle=None,
            source_url=doc.source_url, position=number - 1, date=doc.date,
        ))
    return passages


_NUMBERED = re.compile(r"^(\d{1,4})\.\s+\S")
MIN_NUMBERED = 3  # a document "numbers its paragraphs" from three numbered paragraphs in sequence


def paragraph_numbers(lines: list[str]) -> dict[int, int]:
    """{line index: its own paragraph number} when the lines number their paragraphs ("1. ...",
    "2. ...": mostly one more than the last), else {}. A numbered list inside prose is too short
    or out of sequence to count."""
    found = {i: int(m[1]) for i, line in enumerate(lines) if (m := _NUMBERED.match(line)) and not is_heading(line)}
    values = list(found.values())
    in_sequence = sum(1 for a, b in zip(values, values[1:]) if b == a + 1)
    if len(values) < MIN_NUMBERED or in_sequence < 0.7 * (len(values) - 1):
        return {}
    return found


def _split_records(doc: Document) -> list[Passage]:
    passages = []
    for position, record in enumerate(doc.records):
        group = doc.group(record.group)
        text = f"{record.title}: {record.text}"
        if record.specifics:
            text += " Specifics: " + "; ".join(s.rstrip(".") for s in record.specifics) + "."
        passages.append(Passage(
            id=f"{doc.id}:{record.number}", doc=doc.id, title=doc.title, kind=kind_of(doc),
            section=group.heading if group else "", locator=f"{doc.record_label} {record.number}",
            text=text, principle=record.number if doc.kind == PRINCIPLES_KIND else None,
            source_url=record.source_url, position=position, date=doc.date,
        ))
    return passages


def _split_events(doc: Document) -> list[Passage]:
    return [Passage(
        id=f"{EVENT}:{event['id']}", doc=doc.id, title=doc.title, kind=EVENT, section=event["title"],
        locator=f"Event {event['date']}", text=event_text(event), principle=None,
        source_url=next(iter(_urls(event.get("source_urls"))), None), position=position, date=event["date"],
    ) for position, event in enumerate(doc.entries)]


def event_text(event: dict, sources: bool = True) -> str:
    """An event in sentences: what happened, who, how much as reported, what sources disagree
    on, its status and (with `sources`) where it comes from. Figures stay in the words of the
    report. A citation lists the sources on lines of their own, so it takes the text without."""
    parts = [_sentence(event.get("description"))]
    parties = " → ".join(p for p in (event.get("actor"), event.get("counterparty")) if p)
    if parties:
        parts.append(f"Parties: {parties}.")
    amount = event.get("amount_as_reported") or _figure(event.get("amount"), event.get("currency"))
    if amount:
        parts.append(f"Amount as reported: {_sentence(amount)}")
    valuation = event.get("valuation_as_reported") or _figure(event.get("valuation"), event.get("valuation_currency"))
    if valuation:
        parts.append(f"Valuation as reported: {_sentence(valuation)}")
    if event.get("note"):
        parts.append(f"Note: {_sentence(event['note'])}")
    if event.get("status"):
        parts.append(f"Status: {event['status']}.")
    urls = _urls(event.get("source_urls")) if sources else []
    if urls:
        backs = _source_notes(event.get("source_notes"))
        named = [f"{domain(u)} ({backs[u].rstrip('.')})" if backs.get(u) else domain(u) for u in urls]
        parts.append("Sources: " + "; ".join(dict.fromkeys(named)) + ".")
    return " ".join(p for p in parts if p)


def _split_factchecks(doc: Document) -> list[Passage]:
    return [Passage(
        id=f"{FACTCHECK}:{claim['id']}", doc=doc.id, title=doc.title, kind=FACTCHECK, section="",
        locator=f"Fact-check ({claim['id']})", text=factcheck_text(claim), principle=None,
        source_url=next(iter(claim.get("source_urls") or []), None), position=position, date=doc.date,
    ) for position, claim in enumerate(doc.entries)]


def factcheck_text(claim: dict) -> str:
    parts = [f"Claim: {_sentence(claim['claim'])}", f"Verdict: {_sentence(claim['verdict'])}"]
    if claim.get("notes"):
        parts.append(_sentence(claim["notes"]))
    return " ".join(parts)


def _sentence(text) -> str:
    """The text with closing punctuation, so the parts of a passage read as sentences."""
    text = str(text or "").strip()
    closed = text.rstrip(")'\"\u201d").endswith((".", "!", "?"))
    return text if not text or closed else text + "."


def _figure(amount, currency) -> str:
    if amount is None:
        return ""
    number = f"{amount:,.0f}" if float(amount).is_integer() else f"{amount:,}"
    return f"{currency or ''} {number}".strip()


def backed_sources(entry: dict) -> list[tuple[str, str]]:
    """(url, what it backs, or "") for each source of a timeline event or a fact-check record,
    in the record's order. The `backs` texts name the outlet where the record knows it
    ("Reuters: the spokesperson's EUR 15M figure", "TechCrunch copy: ..."), also when the URL is
    a copy the explorer read it through."""
    backs = _source_notes(entry.get("source_notes")) if isinstance(entry.get("source_notes"), str) else {}
    for item in entry.get("sources") or []:
        if isinstance(item, dict) and item.get("url") and item.get("backs"):
            backs.setdefault(str(item["url"]), str(item["backs"]))
    return [(url, backs.get(url, "")) for url in _urls(entry.get("source_urls"))]


def _urls(field) -> list[str]:
    """Source URLs from a list or from the timeline's " ; "-separated column."""
    if isinstance(field, str):
        field = field.split(";")
    return [u.strip() for u in field or [] if isinstance(u, str) and u.strip()]


def _source_notes(field) -> dict[str, str]:
    """{url: what it backs} from the timeline's `source_notes` column (empty when there is none)."""
    if not field:
        return {}
    from explorer.story.timeline import source_notes  # validated already by the timeline loader

    return dict(source_notes(field))
