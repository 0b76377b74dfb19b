"""Word (.docx) documents through python-docx, after checking the ZIP container for a bomb."""

import io
import zipfile

from explorer.ingest.extract.base import (
    CharBudget,
    ExtractedDocument,
    ExtractionError,
    Limits,
    clean_author,
    clean_paragraph,
    iso_date,
    join_paragraphs,
    title_or_fallback,
)
from explorer.ingest.extract.dates import prefer_stated

_DAMAGED_FIX = "Open it in Word or LibreOffice and save it again as .docx, or export it as PDF."
_BOMB_FIX = "If it is a genuine document, open it in Word and save a new copy; otherwise do not use it."


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a ZIP whose directory declares more than the limits allow, before anything is unpacked.

    Python's zipfile stops reading an entry at its declared size (and then fails its checksum), so the
    declared sizes bound what python-docx can unpack.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as error:
        raise ExtractionError("This Word file is damaged or incomplete, so it cannot be opened.", _DAMAGED_FIX,
                              detail=repr(error)) from None
    if len(entries) > limits.max_zip_entries:
        raise ExtractionError(f"This Word file holds {len(entries):,} parts, more than a document has "
                              f"(the limit is {limits.max_zip_entries:,}), so it was not opened.", _BOMB_FIX)
    declared = sum(entry.file_size for entry in entries)
    if declared > limits.max_unpacked_bytes:
        raise ExtractionError(f"This Word file would unpack to {_size(declared)}, over the {_size(limits.max_unpacked_bytes)} "
                              "limit (a “zip bomb”?), so it was not opened.", _BOMB_FIX)
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > 2**20 and ratio > limits.max_compression_ratio:
            raise ExtractionError(f"This Word file is compressed {ratio:,.0f} to 1, which documents never are "
                                  "(a “zip bomb”?), so it was not opened.", _BOMB_FIX,
                                  detail=f"{entry.filename}: {entry.file_size} bytes from {entry.compress_size}")


def extract_docx(data: bytes, filename: str | None, limits: Limits, content_hash: str) -> list[ExtractedDocument]:
    check_zip(data, limits)
    import docx
    from docx.table import Table

    warnings: list[str] = []
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(document.iter_inner_content())
    except Exception as error:  # python-docx and lxml raise many kinds on a broken package
        raise ExtractionError("This Word file is damaged or is not a plain .docx document, so it cannot be read.",
                              _DAMAGED_FIX, detail=f"{type(error).__name__}: {error}"[:300]) from None

    budget = CharBudget(limits)
    paragraphs: list[str] = []
    headings: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            rows = _table_rows(block, warnings)
            paragraphs.extend(budget.spend(row) for row in rows)
            continue
        text = budget.spend(clean_paragraph(block.text))
        if not text:
            continue
        paragraphs.append(text)
        if _is_heading(block):
            headings.append(text)

    text = join_paragraphs(paragraphs)
    if not text:
        raise ExtractionError("This Word file has no text in its body.",
                              "If its text is in text boxes, headers or images, copy it into a new document "
                              "or export it as PDF, and add that.")
    title = author = created = None
    try:
        properties = document.core_properties
        title, author, created = properties.title, properties.author, iso_date(properties.created)
    except Exception:  # malformed core properties: keep the text
        warnings.append("The document's properties (title, author, date) could not be read.")
    created = prefer_stated(text, created, warnings, "Word file's creation date")
    title = title_or_fallback(title, headings[0] if headings else None, paragraphs[0], filename=filename)
    return [ExtractedDocument(title=title, text=text, pages=[], author=clean_author(author), date=created, url=None,
                              format="docx", content_hash=content_hash, warnings=warnings)]


def _is_heading(paragraph) -> bool:
    try:
        name = (paragraph.style.name or "") if paragraph.style is not None else ""
    except Exception:
        return False
    return name == "Title" or name.startswith("Heading")


def _table_rows(table, warnings: list[str]) -> list[str]:
    """Each row as one paragraph, its cells joined by “ | ” (a merged cell counted once)."""
    rows = []
    try:
        for row in table.rows:
            cells, seen = [], []  # the cell elements themselves: a merged cell repeats the same one
            for cell in row.cells:
                if any(cell._tc is other for other in seen):
                    continue
                seen.append(cell._tc)
                value = " ".join(clean_paragraph(cell.text).split())
                if value:
                    cells.append(value)
            if cells:
                rows.append(" | ".join(cells))
    except Exception:
        warnings.append("A table could not be read completely; some of its cells are missing.")
    return rows


def _size(n: int) -> str:
    return f"{n / 2**30:,.1f} GB" if n >= 2**30 else f"{n / 2**20:,.0f} MB"
