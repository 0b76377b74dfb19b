"""Document extraction, The format read from the content, never the name; the limits against hostile files; what extraction imports.

Each format from bytes the tests make (tests/extract_documents.py), each refusal with its message."""

import subprocess
import sys

import pytest

from explorer.errors import ExplorerError
from explorer.ingest.extract import ExtractionError, Limits, detect_format, extract
from tests.extract_documents import (
    HTML_PAGE,
    MARKDOWN,
    PNG_HEADER,
    ROOT,
    make_docx,
    one,
    refused,
    two_page_pdf,
    zip_with,
)


def test_type_is_detected_from_content_not_name():
    pdf, docx_bytes = two_page_pdf(), make_docx()
    assert detect_format(pdf, "notes.txt") == "pdf"
    assert one(pdf, "notes.txt").format == "pdf"
    assert detect_format(docx_bytes, "report.pdf") == "docx"
    assert detect_format(HTML_PAGE.encode(), "page.txt") == "html"
    assert detect_format(b"Just words, nothing more.", "fake.pdf") == "text"
    assert detect_format(MARKDOWN.encode()) == "markdown"
    assert detect_format(b"title,text\nA,B\n") == "csv"
    assert detect_format(b"A plain note.\nSecond line.") == "text"


def test_name_only_breaks_ties_between_text_formats():
    assert detect_format(MARKDOWN.encode(), "notes.txt") == "text"
    assert detect_format(b"plain words", "notes.md") == "markdown"
    assert detect_format(b"a,b\n1,2\n", "data.csv") == "csv"
    assert detect_format(b"no delimiter at all", "data.csv") == "text"


def test_png_and_other_binaries_are_refused_by_what_they_look_like():
    error = refused(PNG_HEADER + bytes(100), "photo.pdf")
    assert error.problem == "Unsupported file type: looks like a PNG image."
    assert "OCR" in error.fix
    assert "old Microsoft Office" in refused(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "memo.doc").problem
    assert "ZIP archive" in refused(zip_with({"a.txt": b"hello"}), "x.docx").problem
    assert "Excel" in refused(zip_with({"xl/workbook.xml": b"<x/>"})).problem
    assert "unknown kind" in refused(bytes(range(256)) * 4).problem
    mhtml = (b"From: <Saved by Blink>\nSubject: A page\nMIME-Version: 1.0\n"
             b"Content-Type: multipart/related; type=\"text/html\"; boundary=\"----B\"\n\n------B\n")
    assert ".mhtml" in refused(mhtml, "page.html").problem
    with pytest.raises(ExtractionError, match="PNG image"):
        detect_format(PNG_HEADER)


def test_empty_file_is_refused():
    assert refused(b"", "empty.txt").problem == "This file is empty."
    assert refused(b" \n\t ", "blank.txt").problem == "This file is empty."


def test_oversized_file_is_refused_before_reading():
    error = refused(b"x" * 2048, "big.txt", Limits(max_bytes=1024))
    assert "over the" in error.problem and "limit" in error.problem and "Split" in error.fix
    # the size check comes first, even for a file that would be refused anyway
    assert "over the" in refused(PNG_HEADER + bytes(4096), "big.png", Limits(max_bytes=1024)).problem


def test_too_much_extracted_text_is_refused():
    assert "more than 100 characters" in refused(b"word " * 100, "long.txt", Limits(max_chars=100)).problem
    assert "more than 100 characters" in refused(two_page_pdf(), "r.pdf", Limits(max_chars=100)).problem


def test_web_page_with_too_many_elements_is_refused():
    page = "<html><body>" + "<p>a short paragraph of text</p>" * 300 + "</body></html>"
    assert one(page.encode(), "p.html").format == "html"
    error = refused(page.encode(), "p.html", Limits(max_html_elements=100))
    assert "HTML elements" in error.problem and "reader view" in error.fix


def test_long_markdown_is_kept_as_written_with_a_warning():
    doc = one(b"# Heading\n\nSome **bold** words.", "n.md", Limits(max_markdown_chars=10))
    assert doc.text == "# Heading\n\nSome **bold** words."
    assert any("kept as written" in w for w in doc.warnings)


def test_limits_are_validated():
    with pytest.raises(ValueError):
        Limits(max_bytes=0)
    assert Limits().max_bytes == 25 * 2**20 and Limits().max_pdf_pages == 500 and Limits().max_chars == 5_000_000


def test_documents_are_frozen_and_errors_are_explorer_errors():
    doc = one(b"hello there", "a.txt")
    with pytest.raises(AttributeError):
        doc.title = "changed"
    assert issubclass(ExtractionError, ExplorerError)


def test_extraction_imports_neither_streamlit_nor_torch():
    code = ("import sys; from explorer.ingest.extract import extract; extract(b'<html><body><p>' + b'words ' * 50 + "
            "b'</p></body></html>'); extract(b'# t\\n\\ntext'); "
            "bad = [m for m in ('streamlit', 'torch') if m in sys.modules]; print(bad); sys.exit(bool(bad))")
    done = subprocess.run([sys.executable, "-c", code], check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
