"""Turn a journalist's own files into plain-text documents: PDF, Word (.docx), web pages, Markdown,
plain text and CSV.

    detect_format(data, filename=None) -> "pdf" | "docx" | "html" | "markdown" | "text" | "csv"
    extract(data, filename=None, limits=Limits()) -> list[ExtractedDocument]

The type comes from the bytes, never from the name (the name only breaks ties between Markdown,
plain text and CSV, and gives a last-resort title); the name is never used as a path. Nothing in a
file is executed or rendered: the output is plain text. Every refusal is an ExtractionError whose
message says, in a sentence, what is wrong and what to do. The format libraries are imported only
when a file of their kind is read, and this package never imports streamlit or torch.
"""

import hashlib

from explorer.ingest.extract.base import FORMATS, ExtractedDocument, ExtractionError, Limits, missing_package
from explorer.ingest.extract.detect import detect_format, sniff

__all__ = ["FORMATS", "ExtractedDocument", "ExtractionError", "Limits", "detect_format", "extract"]


def extract(data: bytes, filename: str | None = None, limits: Limits = Limits()) -> list[ExtractedDocument]:
    """The documents in one file: one, or one per row for a CSV."""
    if not isinstance(limits, Limits):
        raise TypeError("limits must be an explorer.ingest.extract.Limits")
    size = len(data) if isinstance(data, (bytes, bytearray, memoryview)) else None
    if size is not None and size > limits.max_bytes:
        raise ExtractionError(f"This file is {_mb(size)}, over the {_mb(limits.max_bytes)} limit for one file.",
                              "Split it into smaller files (for a PDF, export only the pages you need) and add those.")
    try:
        kind, text, warnings = sniff(data, filename)
    except ImportError as error:  # charset-normalizer, for a text file that is not UTF-8
        raise missing_package(error, "text") from None
    content_hash = hashlib.sha256(bytes(data)).hexdigest()
    try:
        return _extract(kind, data, text, warnings, filename, limits, content_hash)
    except ImportError as error:  # a format library (or one it imports) is not installed
        raise missing_package(error, kind) from None


def _extract(kind, data, text, warnings, filename, limits, content_hash) -> list[ExtractedDocument]:
    if kind == "pdf":
        from explorer.ingest.extract.pdf import extract_pdf

        return extract_pdf(bytes(data), filename, limits, content_hash)
    if kind == "docx":
        from explorer.ingest.extract.word import extract_docx

        return extract_docx(bytes(data), filename, limits, content_hash)
    if kind == "html":
        from explorer.ingest.extract.web import extract_html

        return extract_html(text, filename, limits, content_hash, warnings)
    if kind == "markdown":
        from explorer.ingest.extract.plain import extract_markdown

        return extract_markdown(text, filename, limits, content_hash, warnings)
    if kind == "csv":
        from explorer.ingest.extract.table import extract_csv

        return extract_csv(text, filename, limits, warnings)
    from explorer.ingest.extract.plain import extract_text

    return extract_text(text, filename, limits, content_hash, warnings)


def _mb(n: int) -> str:
    return f"{n / 2**20:,.1f}".removesuffix(".0") + " MB"
