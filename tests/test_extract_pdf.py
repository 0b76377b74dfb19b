"""Document extraction, PDF: pages, metadata, limits, text layers, encryption and damage.

Each format from bytes the tests make (tests/extract_documents.py), each refusal with its message."""

import hashlib
import os
import stat

from explorer.errors import ExplorerError
from explorer.ingest.extract import Limits
from tests.extract_documents import (
    PAGE_TWO_PHRASE,
    encrypt,
    image_pdf,
    make_pdf,
    one,
    rectangle_pdf,
    refused,
    two_page_pdf,
)


def test_pdf_keeps_page_boundaries_and_metadata():
    data = two_page_pdf()
    doc = one(data, "report.pdf")
    assert doc.format == "pdf"
    assert len(doc.pages) == 2
    assert PAGE_TWO_PHRASE in doc.pages[1]
    assert PAGE_TWO_PHRASE not in doc.pages[0]
    assert doc.pages[0].split("\n\n")[0] == "Annual oversight report"  # paragraphs rebuilt from lines
    assert len(doc.pages[0].split("\n\n")) == 3
    assert doc.text == "\n\n".join(doc.pages)
    assert (doc.title, doc.author, doc.date, doc.url) == ("Annual oversight report", "Office of Audits", "2023-11-02", None)
    assert doc.content_hash == hashlib.sha256(data).hexdigest()
    assert doc.warnings == []


def test_pdf_title_falls_back_to_first_line_then_file_name():
    assert one(make_pdf([["First line of the text", "body " * 30]], title=None), "x.pdf").title == "First line of the text"


def test_pdf_page_limit_reads_the_first_pages_and_says_so():
    doc = one(two_page_pdf(), "report.pdf", Limits(max_pdf_pages=1))
    assert len(doc.pages) == 1
    assert PAGE_TWO_PHRASE not in doc.text
    assert any("first 1 of 2 pages" in w for w in doc.warnings)


def test_pdf_with_a_page_without_text_says_which():
    doc = one(make_pdf([["Some text on the first page of the report."], [], ["Text again on page three."]]), "r.pdf")
    assert len(doc.pages) == 3 and doc.pages[1] == ""
    assert any("Page(s) 2 have no text layer" in w for w in doc.warnings)


def test_malformed_pdf_is_refused_as_damaged():
    error = refused(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R\n" + b"\x00garbage" * 50, "broken.pdf")
    assert "damaged" in error.problem
    assert isinstance(error, ExplorerError) and error.fix
    truncated = two_page_pdf()
    assert "damaged" in refused(truncated[: len(truncated) // 2]).problem


def test_pdf_without_a_text_layer_says_scanned(monkeypatch):
    monkeypatch.setattr("explorer.ingest.extract.pdf.tesseract_path", lambda: None)
    error = refused(rectangle_pdf(), "scan.pdf")
    assert "no text layer (scanned?)" in error.problem
    assert "OCR" in error.fix


def test_ocr_runs_only_through_an_installed_tesseract(tmp_path, monkeypatch):
    """A stand-in `tesseract` on PATH: it gets a PNG on stdin and its output becomes the page text."""
    fake = tmp_path / "tesseract"
    fake.write_text(f'#!/bin/sh\ncat > "{tmp_path}/stdin.bin"\necho "Recognised words from a scanned page."\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}")
    doc = one(image_pdf(), "scan.pdf")
    assert doc.pages == ["Recognised words from a scanned page."]
    assert any("OCR" in w for w in doc.warnings)
    assert (tmp_path / "stdin.bin").read_bytes().startswith(b"\x89PNG")
    # A page with nothing to recognise still ends in the scanned message.
    assert "no text layer (scanned?)" in refused(rectangle_pdf()).problem


def test_password_protected_pdf_is_refused():
    error = refused(encrypt(two_page_pdf(), user_password="secret"), "locked.pdf")
    assert "password-protected" in error.problem
    assert "unprotected copy" in error.fix


def test_pdf_encrypted_without_a_password_is_read_with_a_warning():
    doc = one(encrypt(two_page_pdf(), user_password=""), "restricted.pdf")
    assert PAGE_TWO_PHRASE in doc.pages[1]
    assert any("encrypted without a password" in w for w in doc.warnings)


def test_a_printed_bullet_list_gives_one_paragraph_per_item():
    """A lead-in and its bullet items printed line after line, with no blank line between them (one
    of them long enough to wrap): each item is its own paragraph without its bullet, its wrapped
    line stays with it, and prose around the list is untouched. Before, the items ran into each
    other and into the lead-in ("... as follows: · The office ...")."""
    wrapped = ("The office asked every ministry to publish the contracts it awards, with the names of the firms "
               "and the sums paid to them, within one month")
    block = "\n".join(["The report's recommendations were as follows:",
                       "· Publish a register of every public contract.",
                       f"· {wrapped}.",
                       "- Audit the three largest firms again next year."])
    prose = "The office reviewed spending on public contracts and the way they were awarded. " * 2
    doc = one(make_pdf([[prose.strip(), block]]), "audit.pdf")
    paragraphs = [" ".join(p.split()) for p in doc.text.split("\n\n")]
    assert paragraphs[-4:] == ["The report's recommendations were as follows:",
                               "Publish a register of every public contract.",
                               f"{wrapped}.",
                               "Audit the three largest firms again next year."], paragraphs
    assert paragraphs[0] == prose.strip()
    assert not any(p.startswith(("·", "- ")) for p in paragraphs)
