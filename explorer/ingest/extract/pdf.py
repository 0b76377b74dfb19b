"""PDF text layers through pypdf, page by page; OCR only when the `tesseract` program is installed."""

import io
import re
import shutil
import subprocess

from explorer.ingest.extract.base import (
    CharBudget,
    ExtractedDocument,
    ExtractionError,
    Limits,
    clean_author,
    first_heading,
    first_line,
    iso_date,
    join_paragraphs,
    title_or_fallback,
)
from explorer.ingest.extract.dates import prefer_stated
from explorer.ingest.extract.layout import strip_running_lines
from explorer.text import BULLET_MARKS

_DAMAGED_FIX = "Download it again, or open it in a PDF viewer and save (or print to PDF) a new copy."


def _damaged(error: BaseException) -> ExtractionError:
    return ExtractionError("This PDF is damaged or incomplete, so its text cannot be read.", _DAMAGED_FIX,
                           detail=f"{type(error).__name__}: {error}"[:300])


def extract_pdf(data: bytes, filename: str | None, limits: Limits, content_hash: str) -> list[ExtractedDocument]:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    warnings: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _unlock(reader, warnings)
        page_count = len(reader.pages)
    except ExtractionError:
        raise
    except (FileNotDecryptedError, DependencyError) as error:
        raise _locked(error) from None
    except Exception as error:  # pypdf raises many kinds on a broken file; all mean the same to the user
        raise _damaged(error) from None
    if page_count == 0:
        raise ExtractionError("This PDF has no pages.", _DAMAGED_FIX)
    if page_count > limits.max_pdf_pages:
        warnings.append(f"Only the first {limits.max_pdf_pages:,} of {page_count:,} pages were read "
                        "(the page limit for one PDF).")

    budget = CharBudget(limits)
    raws: list[str] = []
    unreadable: list[int] = []
    for number in range(min(page_count, limits.max_pdf_pages)):
        try:
            raws.append(budget.spend(reader.pages[number].extract_text() or ""))
        except (FileNotDecryptedError, DependencyError) as error:
            raise _locked(error) from None
        except ExtractionError:
            raise
        except Exception:  # one broken page should not cost the others
            raws.append("")
            unreadable.append(number + 1)
    pages = [join_paragraphs(pdf_paragraphs(raw)) for raw in strip_running_lines(raws)]
    if unreadable:
        if len(unreadable) == len(pages):
            raise _damaged(RuntimeError("no page could be read"))
        warnings.append(f"Page(s) {_ranges(unreadable)} could not be read and are left empty.")

    if not any(page.strip() for page in pages):
        pages = _ocr_or_refuse(reader, len(pages), limits, budget, warnings)
    else:
        empty = [number for number, page in enumerate(pages, 1) if not page and number not in unreadable]
        if empty:
            warnings.append(f"Page(s) {_ranges(empty)} have no text layer (scanned, or blank); "
                            "their text, if any, is missing.")

    meta_title = meta_author = meta_date = None
    try:
        meta = reader.metadata
        if meta is not None:
            meta_title, meta_author = meta.title, meta.author
            meta_date = iso_date(meta.creation_date)
    except Exception:  # broken metadata is not worth refusing a readable PDF
        warnings.append("The PDF's metadata (title, author, date) could not be read.")

    text = "\n\n".join(page for page in pages if page)
    meta_date = prefer_stated(text, meta_date, warnings, "PDF file's creation date")
    title = title_or_fallback(_usable_title(meta_title), first_heading(text), first_line(text), filename=filename)
    return [ExtractedDocument(title=title, text=text, pages=pages, author=clean_author(meta_author), date=meta_date,
                              url=None, format="pdf", content_hash=content_hash, warnings=warnings)]


def _unlock(reader, warnings: list[str]) -> None:
    """Open a PDF that is only restricted (empty user password); refuse one that needs a password."""
    from pypdf import PasswordType

    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise ExtractionError("This PDF is password-protected, so its text cannot be read.",
                              "Open it with its password, save an unprotected copy (or print it to PDF), and add that.")
    warnings.append("The PDF is encrypted without a password (it only restricts copying or printing); "
                    "its text was read.")


def _locked(error: BaseException) -> ExtractionError:
    return ExtractionError("This PDF is encrypted in a way that cannot be opened here, so its text cannot be read.",
                           "Open it in a PDF viewer, save an unprotected copy (or print it to PDF), and add that.",
                           detail=f"{type(error).__name__}: {error}"[:300])


_SENTENCE_END = (".", "!", "?", ":", "”", "\"", "’", ")")
_NUMBERED = re.compile(r"^(\d{1,4})\.\s+\S")
# A printed line opening with a bullet starts a list item. Not an en or em dash: in print a line can
# open with the dash of a sentence broken just before it ("... the deal\n– which ..."), as a bullet never does.
_PRINTED_BULLETS = BULLET_MARKS.replace("\u2013", "").replace("\u2014", "")
_BULLET_LINE = re.compile(rf"^[{re.escape(_PRINTED_BULLETS)}]\s+(?=\S)")


def pdf_paragraphs(raw: str) -> list[str]:
    """Rebuild paragraphs from a page's text lines.

    pypdf gives one line per line of print. A blank line, a line clearly shorter than the page's usual
    line (the last line of a paragraph, a heading), or a somewhat short one that ends a sentence, ends
    a paragraph; so does a line opening with the number after the current paragraph's own ("10." after
    "9. ..."); so does a line opening with a bullet, which is dropped; a word hyphenated across lines
    between two lower-case letters is joined again.
    """
    lines = [" ".join(line.split()) for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return []
    usual = lengths[int(len(lengths) * 0.9)] if len(lengths) >= 5 else lengths[-1]
    paragraphs: list[str] = []
    current: list[str] = []

    def flush():
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    number = None  # the paragraph number the current paragraph opened with ("9." in "9. The relevant...")
    for line in lines:
        if not line:
            flush()
            continue
        opens = _NUMBERED.match(line)
        if opens and number is not None and int(opens[1]) == number + 1:
            flush()  # "10." right after paragraph 9 starts paragraph 10, however long 9's last line was
        bullet = _BULLET_LINE.match(line)
        if bullet:
            flush()  # each item its own paragraph, without its bullet, as in a plain-text upload's list
            line = line[bullet.end():]
        if not current:
            number = int(opens[1]) if opens else None
        previous = current[-1] if current else ""
        if len(previous) > 2 and previous.endswith("-") and previous[-2].islower() and line[:1].islower():
            current[-1] = previous[:-1] + line
        else:
            current.append(line)
        if len(line) < 0.7 * usual or (len(line) < 0.85 * usual and line.endswith(_SENTENCE_END)):
            flush()
    flush()
    return paragraphs


def _usable_title(title) -> str | None:
    if not isinstance(title, str):
        return None
    title = title.strip()
    for prefix in ("Microsoft Word - ", "Microsoft PowerPoint - "):
        title = title.removeprefix(prefix)
    if not title or title.lower() in ("untitled", "title", "document", "none") or title.lower().endswith(
            (".doc", ".docx", ".pdf", ".indd", ".tmp")):
        return None
    return title


def _ranges(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


def tesseract_path() -> str | None:
    """The `tesseract` OCR program, when it is installed (it is never installed by this project)."""
    return shutil.which("tesseract")


_NO_TEXT = "This PDF has no text layer (scanned?), so there is no text to read."


def _ocr_or_refuse(reader, page_count: int, limits: Limits, budget: CharBudget, warnings: list[str]) -> list[str]:
    tesseract = tesseract_path()
    if tesseract is None:
        raise ExtractionError(_NO_TEXT, "Run it through OCR (for example OCRmyPDF, or “Recognize text” in Acrobat) "
                                        "and add the searchable PDF; OCR is not installed here.")
    pages = []
    for number in range(min(page_count, limits.max_ocr_pages)):
        pages.append(budget.spend(join_paragraphs(pdf_paragraphs(_ocr_page(reader, number, tesseract, limits)))))
    if not any(pages):
        raise ExtractionError(_NO_TEXT, "OCR found no text on its pages either; check that they are not blank, "
                                        "or add a text version of the document.")
    warnings.append("The PDF has no text layer; its text was read by OCR (tesseract) and may contain errors: "
                    "check quotes against the original.")
    if page_count > limits.max_ocr_pages:
        warnings.append(f"Only the first {limits.max_ocr_pages:,} pages were read by OCR (the OCR page limit).")
    return pages


def _ocr_page(reader, number: int, tesseract: str, limits: Limits) -> str:
    """The text tesseract reads from a page's images, each re-encoded as PNG first (tesseract never
    sees the PDF's own image bytes)."""
    texts = []
    try:
        images = list(reader.pages[number].images)
    except Exception:
        return ""
    for image in images:
        try:
            buffer = io.BytesIO()
            image.image.convert("L").save(buffer, format="PNG")
            done = subprocess.run([tesseract, "stdin", "stdout"], input=buffer.getvalue(), capture_output=True,
                                  timeout=limits.ocr_timeout_s, check=False)
        except Exception:  # an undecodable image, a crash or a timeout: that image yields nothing
            continue
        if done.returncode == 0:
            texts.append(done.stdout.decode("utf-8", errors="replace"))
    return "\n\n".join(texts)
