"""The shared vocabulary of extraction: the error, the limits, the document, and text clean-up."""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urlsplit

from explorer.errors import ExplorerError
from explorer.text import BULLET_CLASS

FORMATS = ("pdf", "docx", "html", "markdown", "text", "csv")


class ExtractionError(ExplorerError):
    """A file cannot be turned into text; `problem` says why in one sentence, `fix` what to do.

    `detail` keeps the library's own words (for logs and bug reports); it is not part of the message.
    """

    def __init__(self, problem: str, fix: str = "", detail: str | None = None):
        self.detail = detail
        super().__init__(problem, fix)


# Import names whose package (on PyPI, in requirements.txt) is called something else.
_PACKAGE_OF = {"docx": "python-docx", "markdown_it": "markdown-it-py", "charset_normalizer": "charset-normalizer",
               "dateutil": "python-dateutil", "mdurl": "mdurl"}
_FORMAT_NAMES = {"pdf": "PDF", "docx": "Word file", "html": "web page", "markdown": "Markdown file",
                 "text": "text file", "csv": "CSV file"}


def missing_package(error: ImportError, kind: str) -> ExtractionError:
    """The sentence for a format library that is not installed: which package, and how to install it.

    lxml re-raises a missing lxml_html_clean as a bare ImportError that only names it in its message."""
    module = (error.name or "").split(".")[0]
    if "lxml_html_clean" in str(error):
        module = "lxml_html_clean"
    package = _PACKAGE_OF.get(module, module) or "one of the extraction libraries"
    return ExtractionError(
        f"This {_FORMAT_NAMES.get(kind, 'file')} cannot be read here: the Python package {package}, which reading "
        "it needs, is not installed.",
        f"Install the pinned requirements (`.venv/bin/pip install -r requirements.txt`, which includes {package}), "
        "then add the file again.", detail=f"{type(error).__name__}: {error}"[:300])


@dataclass(frozen=True)
class Limits:
    """What one file may cost. Every limit is checked before the work it bounds, where that can be known."""

    max_bytes: int = 25 * 2**20  # the file itself
    max_pdf_pages: int = 500  # pages read from one PDF; the rest are left out with a warning
    max_chars: int = 5_000_000  # extracted characters from one file (all its documents together)
    max_unpacked_bytes: int = 200 * 2**20  # a DOCX's declared uncompressed size, all entries together
    max_compression_ratio: int = 100  # a DOCX entry over 1 MiB compressed more than this is a zip bomb
    max_zip_entries: int = 10_000  # entries in a DOCX
    max_csv_rows: int = 10_000  # documents from one CSV
    max_html_elements: int = 100_000  # elements in a web page (main-text extraction slows with every one)
    max_markdown_chars: int = 300_000  # longer Markdown is kept as written, its markup not stripped
    max_ocr_pages: int = 20  # pages sent to OCR (only when the `tesseract` program is installed)
    ocr_timeout_s: int = 120  # per page image

    def __post_init__(self):
        for name, value in self.__dict__.items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"Limits.{name} must be a positive whole number, not {value!r}")


@dataclass(frozen=True, kw_only=True)
class ExtractedDocument:
    """One document's plain text and what the file says about itself (built with keywords only)."""

    title: str
    text: str  # plain text, paragraphs separated by blank lines
    pages: list[str] = field(default_factory=list)  # PDF only: each page's paragraphs, blank-line separated
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD
    url: str | None = None  # canonical http(s) URL
    format: str  # one of FORMATS
    content_hash: str  # sha256 hex of the input bytes (of the row, for a CSV row)
    warnings: list[str] = field(default_factory=list)


# Control characters other than tab and newline (form feed is the collection's page break).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_paragraph(text: str) -> str:
    """One paragraph: NFC, no control characters, no blank lines inside, spaces collapsed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub(" ", text.replace("\u2028", "\n").replace("\u2029", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def join_paragraphs(paragraphs) -> str:
    """Paragraphs as plain text, separated by blank lines; empty ones dropped."""
    return "\n\n".join(p for p in (clean_paragraph(p) for p in paragraphs) if p)


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks of a text."""
    return [block for block in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n")) if block.strip()]


# A line opening with a list marker starts an item: a bullet (explorer.text.BULLET_MARKS) or a number or
# letter ("1. ", "2) ", "a) "). A year or a longer number ("2024. ") is not a marker.
LIST_ITEM = re.compile(rf"^[ \t]*(?:(?P<bullet>{BULLET_CLASS})|\(?(?:\d{{1,3}}|[a-z])[.)])[ \t]+(?=\S)")


def list_items(block: str) -> list[str]:
    """A block whose lines hold list items, as its lead-in and one paragraph per item (a line that
    opens with no marker continues the item before it); a bullet is dropped, a number kept. Without
    this, the items of a plain-text list run together into one paragraph and one sentence
    ("... further. • Azure Supercomputing Infrastructure: ...")."""
    lines = block.split("\n")
    if not any(LIST_ITEM.match(line) for line in lines[1:]) and not (len(lines) > 1 and LIST_ITEM.match(lines[0])):
        return [block]
    items: list[list[str]] = []
    for line in lines:
        marker = LIST_ITEM.match(line)
        if marker or not items:
            items.append([line[marker.end():] if marker and marker.group("bullet") else line.strip()])
        else:
            items[-1].append(line)
    return ["\n".join(item) for item in items if "".join(item).strip()]


def short_title(text: str | None, limit: int = 200) -> str | None:
    """A one-line title from a heading or a first line, cut at a word if too long."""
    if not text:
        return None
    line = " ".join(clean_paragraph(text).split())
    if not line:
        return None
    if len(line) > limit:
        line = line[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-") + "…"
    return line


def first_heading(text: str, paragraphs: int = 6) -> str | None:
    """The first short line without closing punctuation among a text's first paragraphs (a
    letterhead or a heading: "NORTHERN COMPETITION AUTHORITY"), for files that declare no title."""
    for block in split_paragraphs(text)[:paragraphs]:
        line = " ".join(block.split())
        if 1 <= len(line.split()) <= 14 and not line.endswith((".", "!", "?", ":", ";", ",")):
            return short_title(line)
    return None


def first_line(text: str) -> str | None:
    for line in text.split("\n"):
        if line.strip():
            return short_title(line)
    return None


def name_stem(filename: str | None) -> str | None:
    """The file name without folders or extension, as a string only (it is never used as a path)."""
    if not filename:
        return None
    base = re.split(r"[\\/]", str(filename))[-1].strip()
    dot = base.rfind(".")
    if dot > 0:
        base = base[:dot]
    return short_title(base)


def title_or_fallback(*candidates: str | None, filename: str | None = None) -> str:
    for candidate in candidates:
        title = short_title(candidate)
        if title:
            return title
    return name_stem(filename) or "Untitled document"


def iso_date(value) -> str | None:
    """YYYY-MM-DD from a date, a datetime or an ISO-8601 string; None for anything else."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat() if 1000 <= value.year <= 9999 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)", text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    match = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    return None


def clean_url(value) -> str | None:
    """An absolute http(s) URL without whitespace, or None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or len(url) > 2000 or re.search(r"[\s\x00-\x1f\x7f]", url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def clean_author(value) -> str | None:
    if not isinstance(value, str):
        return None
    return short_title(value, limit=200)


class CharBudget:
    """Counts extracted characters against Limits.max_chars and stops the work as soon as it is spent."""

    def __init__(self, limits: Limits):
        self.limit = limits.max_chars
        self.used = 0

    def spend(self, text: str) -> str:
        self.used += len(text)
        if self.used > self.limit:
            raise ExtractionError(
                f"This file holds more than {self.limit:,} characters of text, over the limit for one file.",
                "Split it into smaller files and add those.")
        return text
