"""URL state of the reading page: doc (the document read whole) and p (the paragraph pointed at).

`/read?doc=article&p=article:12` shows the whole document, paragraph by paragraph, each with its
locator as a link to itself, and scrolls to and marks paragraph `article:12`. `p` alone is enough
(`/read?p=article:12`): the document is the paragraph's own, so a paragraph's permalink needs
nothing else. A `p` of another document than `doc` keeps `doc` and drops `p`, with a notice.
"""

from dataclasses import dataclass

from explorer.links import first, notice, page_url


@dataclass(frozen=True)
class ReadState:
    doc: str = ""  # "" = the story's first document
    p: str = ""  # the paragraph (passage id) pointed at; "" = none

    def to_params(self) -> dict:
        """A marked paragraph names its document, so the link carries only `p`."""
        if self.p:
            return {"p": self.p}
        return {"doc": self.doc} if self.doc else {}


def parse_read(params, document_ids, document_of) -> tuple[ReadState, list[str]]:
    """State from query parameters. `document_ids`: the collection's documents, in order;
    `document_of(passage id)`: that passage's document id, or None when no passage has that id."""
    notices = []
    doc = str(first(params, "doc") or "")
    if doc and doc not in document_ids:
        notices.append(notice("doc", doc, "no document of this collection has that id", "the first document"))
        doc = ""
    p = str(first(params, "p") or "")
    owner = document_of(p) if p else None
    if p and owner is None:
        notices.append(notice("p", p, "no paragraph has that id", "no marked paragraph"))
        p = ""
    elif p and doc and owner != doc:
        notices.append(notice("p", p, f"that paragraph is not in the document {doc}", "no marked paragraph"))
        p = ""
    elif p:
        doc = owner
    return ReadState(doc=doc, p=p), notices


def paragraph_url(base: str, passage_id: str, extra: dict | None = None) -> str:
    """A paragraph's permalink: the whole document, scrolled to and marking that paragraph
    (`extra`: parameters every page keeps, such as the collection `c`)."""
    return page_url(base, "read", {**(extra or {}), **ReadState(p=passage_id).to_params()}, lead="p")
