"""The reading view's data: one document whole, paragraph by paragraph, each with its permalink.

The page (ui.read_view) and the JSON twin both call these, so `/read?p=article:12` and
`/api/read?p=article:12` hold the same paragraphs, the same marked one and the same links."""

from explorer.links import page_url
from explorer.links.read import ReadState, paragraph_url


def parse(params, engine):
    """The reading page's URL parsed against this index's documents and paragraphs."""
    from explorer.links.read import parse_read

    def document_of(passage_id: str):
        return engine.passage(passage_id).doc if engine.has_passage(passage_id) else None

    return parse_read(params, engine.document_ids, document_of)


def document_of(state: ReadState, engine) -> str:
    """The document shown: the one named, else the index's first."""
    return state.doc or (engine.document_ids[0] if engine.document_ids else "")


def paragraphs(engine, doc: str) -> list:
    """The document's passages in reading order (the index keeps each document's passages in order)."""
    return [p for p in engine.passages if p.doc == doc]


def read_data(state: ReadState, engine, base: str, extra: dict | None = None) -> dict:
    """What the view shows: the document, its paragraphs with locators and permalinks, the marked one."""
    doc = document_of(state, engine)
    rows = paragraphs(engine, doc)
    return {
        "doc": doc,
        "title": rows[0].title if rows else doc,
        "marked": state.p or None,
        "document_url": page_url(base, "read", {**(extra or {}), **ReadState(doc=doc).to_params()}),
        "paragraphs": [{"id": p.id, "locator": p.locator, "section": p.section or "", "kind": p.kind,
                        "text": p.text, "permalink": paragraph_url(base, p.id, extra)} for p in rows],
    }
