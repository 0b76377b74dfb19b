"""Citation text for one passage: what a journalist pastes into a draft or a fact-check note.

Pure: takes the passage, its document (for title, outlet, date, sources and source note), the
permalink, and optionally the quoted text (the sentence that matched; the whole passage by
default) and the access date (today by default; passed in by tests). Nothing is invented: a
missing outlet, date or URL is said to be unknown. No internal path or file name ever appears: a
source note that names one ("Text supplied … as shared/source/article.txt; its outlet … not
known") keeps only its clauses without one.

Only a document's own words are quoted: the article and the documents a journalist adds
(VERBATIM_KINDS) are cited in quotation marks, the matched sentence or the passage. Everything
else (principles, frameworks, timeline events, fact-checks) is the explorer's paraphrase of its
sources: it is labelled so, never put in quotation marks, and an event is cited by what it says
happened, not by its list of sources. Each source is named by what the record says it backs,
which names the original outlet where the record knows it ("Reuters: ...", "TechCrunch copy:
..."), then the link it was read at.

The format, one fact per line:

    “<quoted text>”                     (or: The explorer's paraphrase, not a quotation: <text>)
    — <title> (<kind>); <outlet or "outlet unknown">; <date or "date unknown">. <locator>[, <section>].
    Source: <url>                       (or: Source: <what it backs>; read at <url>
                                         or: Sources: then "- ..." per source
                                         or: Source URL unknown (<why>).)
    Permalink: <url> (accessed <YYYY-MM-DD>).
"""

import re
from datetime import date

from explorer.story.corpus import Document
from explorer.story.passages import ARTICLE, DOCUMENT, EVENT, FACTCHECK, Passage, backed_sources, event_text

VERBATIM_KINDS = (ARTICLE, DOCUMENT)  # passages holding a document's own words
PARAPHRASE = "The explorer's paraphrase, not a quotation:"
_URL = re.compile(r"\bhttps?://\S+")
# A file path or a file name: "shared/source/article.txt", "/work/corpus", "article.txt", "C:\corpus".
# One slash between words ("Microsoft/OpenAI", "Claude 2/2.1") is not a path.
_EXTENSIONS = r"(?:txt|json|jsonl|csv|md|py|npy|faiss|pdf|html?)"
_PATH = re.compile(rf"(?:[\w.~-]*[/\\]){{2,}}[\w.~-]*|\b[\w.-]+\.{_EXTENSIONS}\b|\b[A-Za-z]:[/\\]")


def outlet_of(document: Document | None) -> str:
    if document is None:
        return "outlet unknown"
    return document.outlet or document.publisher or "outlet unknown"


def has_path(text: str) -> bool:
    """Does the text name a file or a folder (URLs aside)?"""
    return bool(_PATH.search(_URL.sub(" ", text or "")))


def public_note(note: str | None) -> str:
    """A source note without the clauses that name a file or folder."""
    clauses = re.split(r"(?<=[;.])\s+", (note or "").strip())
    kept = [c.strip().rstrip(";.").strip() for c in clauses if c.strip() and not has_path(c)]
    return "; ".join(c for c in kept if c)


def is_verbatim(passage: Passage) -> bool:
    return passage.kind in VERBATIM_KINDS


def entry_of(passage: Passage, document: Document | None) -> dict | None:
    """The timeline event or fact-check record a passage was made from (None for other kinds)."""
    if document is None or passage.kind not in (EVENT, FACTCHECK):
        return None
    return next((e for e in document.entries if str(e.get("id")) == passage.key), None)


def sources_of(passage: Passage, document: Document | None) -> list[tuple[str, str]]:
    """(url, what it backs or "") for each source of the passage: an event's or fact-check's own
    sources, else its URL (or its document's) with what the document's `sources` say it backs."""
    entry = entry_of(passage, document)
    if entry is not None:
        found = backed_sources(entry)
        if found:
            return found
    url = passage.source_url or (document.source_url if document else None)
    if not url:
        return []
    listed = (document.meta.get("sources") if document else None) or []
    backs = next((str(s.get("backs")) for s in listed if isinstance(s, dict) and s.get("url") == url and s.get("backs")), "")
    return [(url, backs)]


def _named(url: str, backs: str) -> str:
    """"<what it backs>; read at <url>": nothing after the URL, so a pasted one opens as it is."""
    return f"{backs.rstrip('.')}; read at {url}" if backs else url


def source_of(passage: Passage, document: Document | None) -> str:
    """The source line(s): each source by what it backs and the link it was read at, else why none is known."""
    found = sources_of(passage, document)
    if len(found) == 1:
        return f"Source: {_named(*found[0])}"
    if found:
        return "Sources:\n" + "\n".join(f"- {_named(url, backs)}" for url, backs in found)
    note = public_note(document.meta.get("source_note") if document else None)
    return "Source URL unknown" + (f" ({note[:1].lower() + note[1:]})" if note else "") + "."


def locator_of(passage: Passage) -> str:
    """"¶8, section “…”", "Principle 6, section “…”" or "Event 2024-02-26, “<event title>”"."""
    if not passage.section:
        return passage.locator
    if passage.kind == EVENT:
        return f"{passage.locator}, “{passage.section}”"
    return f"{passage.locator}, section “{passage.section}”"


def matched_quote(passage: Passage, highlights) -> str | None:
    """What a citation quotes for a search hit: the sentence that matched the query (its "sentence"
    highlight), else None, which quotes the whole passage."""
    spans = [s for s in (highlights or []) if s.get("kind") == "sentence"]
    return passage.text[spans[0]["start"]:spans[0]["end"]] if spans else None


def paraphrase_of(passage: Passage, document: Document | None) -> str:
    """What a paraphrase says, in the explorer's words: an event without its list of sources
    (the citation lists them on their own lines), anything else its whole passage."""
    entry = entry_of(passage, document)
    text = event_text(entry, sources=False) if entry is not None and passage.kind == EVENT else passage.text
    return " ".join(text.split())


def citation(passage: Passage, document: Document | None, permalink: str, quote: str | None = None,
             accessed: date | None = None) -> str:
    """Plain text, one fact per line: the quote (verbatim kinds) or the labelled paraphrase;
    title, kind, outlet, date and locator; the sources; the permalink with the access date.
    `quote` (the matched sentence) is used for verbatim passages only."""
    kind = (document.kind if document else None) or passage.kind
    when = passage.date or (document.date if document else None) or "date unknown"
    accessed = accessed or date.today()
    if is_verbatim(passage):
        opening = "“" + " ".join((quote if quote is not None else passage.text).split()) + "”"
    else:
        opening = f"{PARAPHRASE} {paraphrase_of(passage, document)}"
    return "\n".join([
        opening,
        f"— {passage.title} ({kind}); {outlet_of(document)}; {when}. {locator_of(passage)}.",
        source_of(passage, document),
        f"Permalink: {permalink} (accessed {accessed.isoformat()}).",
    ])
