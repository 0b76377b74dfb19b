"""Citation text for one passage: what a journalist pastes into a draft or a fact-check note.

Pure: takes the passage, its document (for title, outlet, date and source note), the permalink,
and optionally the quoted text (the sentence that matched; the whole passage by default) and
the access date (today by default; passed in by tests). Nothing is invented: a missing outlet,
date or URL is said to be unknown. No internal path or file name ever appears: a source note
that names one ("Text supplied … as shared/source/article.txt; its outlet … not known") keeps
only its clauses without one.

The format, one fact per line:

    “<quoted text>”
    — <title> (<kind>); <outlet or "outlet unknown">; <date or "date unknown">. <locator>[, <section>].
    Source: <url>                         (or: Source URL unknown (<why>).)
    The passage text is the explorer's paraphrase …   (for every passage not quoted from the article)
    Permalink: <url> (accessed <YYYY-MM-DD>).
"""

import re
from datetime import date

from explorer.story.corpus import Document
from explorer.story.passages import ARTICLE, EVENT, Passage

PARAPHRASE = "The passage text is the explorer's paraphrase of its source, not a quotation."
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


def source_of(passage: Passage, document: Document | None) -> str:
    """The passage's source URL, else its document's, else why none is known."""
    url = passage.source_url or (document.source_url if document else None)
    if url:
        return f"Source: {url}"
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


def citation(passage: Passage, document: Document | None, permalink: str, quote: str | None = None,
             accessed: date | None = None) -> str:
    """Plain text, one fact per line: quote; title, kind, outlet, date and locator; source;
    paraphrase warning where it applies; permalink with the access date."""
    quoted = " ".join((quote if quote is not None else passage.text).split())
    kind = (document.kind if document else None) or passage.kind
    when = passage.date or (document.date if document else None) or "date unknown"
    accessed = accessed or date.today()
    lines = [
        f"“{quoted}”",
        f"— {passage.title} ({kind}); {outlet_of(document)}; {when}. {locator_of(passage)}.",
        source_of(passage, document),
    ]
    if passage.kind != ARTICLE:
        lines.append(PARAPHRASE)
    lines.append(f"Permalink: {permalink} (accessed {accessed.isoformat()}).")
    return "\n".join(lines)
