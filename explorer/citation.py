"""Citation text for one passage: what a journalist pastes into a draft or a fact-check note.

Pure: takes the passage, its document (for outlet, date and source note) and the permalink.
Nothing is invented: a missing outlet, date or URL is said to be unknown.
"""

from explorer.corpus import Document
from explorer.passages import Passage


def outlet_of(document: Document | None) -> str:
    if document is None:
        return "outlet unknown"
    return document.outlet or document.publisher or "outlet unknown"


def source_of(passage: Passage, document: Document | None) -> str:
    """The passage's source URL, else its document's, else why none is known."""
    url = passage.source_url or (document.source_url if document else None)
    if url:
        return f"Source: {url}"
    note = (document.meta.get("source_note") if document else None) or ""
    note = note.strip().rstrip(".")
    return "Source URL unknown" + (f" ({note})" if note else "")


def citation(passage: Passage, document: Document | None, permalink: str) -> str:
    """Plain text, one fact per line: title; outlet and date; locator; source; permalink."""
    date = (document.date if document else None) or "date unknown"
    kind = document.kind if document else passage.kind
    locator = passage.locator + (f" (section: {passage.section})" if passage.section else "")
    lines = [
        f"“{passage.title}”. {kind[:1].upper() + kind[1:]}; {outlet_of(document)}; {date}.",
        locator + ".",
        source_of(passage, document),
    ]
    if document is not None and not document.is_text:
        lines.append("The passage text is the explorer's paraphrase of the source, not a quotation.")
    lines.append(f"Permalink: {permalink}")
    return "\n".join(lines)
