"""The labelled sets' documents as passages, the way a collection would hold them.

Each file goes through the same extraction as an upload (explorer.ingest.extract) and becomes a
corpus text document split by explorer.story.passages; its date is the one the labels give (the
measure is of the events, not of reading a file's date).
"""

import json
from pathlib import Path

from explorer.story.corpus import Document
from explorer.story.passages import DOCUMENT, PAGE_BREAK, split_document

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parents[2]
SETS = ("fiction", "mistral")  # the sets the rules were written on
HELD_OUT_SETS = ("heldout",)  # labelled by reading, never used to tune a rule


def load_labels(name: str) -> dict:
    return json.loads((DATA / name / "labels.json").read_text(encoding="utf-8"))


def document_path(name: str, file: str) -> Path:
    local = DATA / name / file
    return local if local.is_file() else ROOT / file


def passages_of(name: str, labels: dict | None = None) -> list:
    """Every passage of a labelled set, document ids as the labels name them."""
    from explorer.ingest.extract import extract

    labels = labels or load_labels(name)
    out = []
    for doc_id, info in labels["documents"].items():
        path = document_path(name, info["file"])
        extracted = extract(path.read_bytes(), path.name)[0]
        pages = extracted.pages or [extracted.text]
        body = f"\n{PAGE_BREAK}\n".join("\n".join(" ".join(b.split()) for b in page.split("\n\n") if b.strip())
                                         for page in pages)
        if "\f" in extracted.text and not extracted.pages:
            body = "\n".join(" ".join(b.split()) if b.strip() != PAGE_BREAK else PAGE_BREAK
                             for b in extracted.text.replace("\f", f"\n\n{PAGE_BREAK}\n\n").split("\n\n") if b.strip())
        document = Document(id=doc_id, title=extracted.title, kind=DOCUMENT, path=path, source_url=extracted.url,
                            date=info.get("date"), text=body, meta={"paged": PAGE_BREAK in body})
        out.extend(split_document(document))
    return out
