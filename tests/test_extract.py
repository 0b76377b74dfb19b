"""Document extraction: each format from bytes the tests make, each refusal with its message.

No binary fixture is committed: PDFs come from fpdf2 (and pypdf for encryption), Word files from
python-docx, ZIP bombs from zipfile with a patched directory, the rest is text written here.
"""

import csv
import hashlib
import io
import os
import stat
import struct
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from explorer.errors import ExplorerError
from explorer.ingest.extract import (
    ExtractedDocument,
    ExtractionError,
    Limits,
    detect_format,
    extract,
)

ROOT = Path(__file__).resolve().parent.parent
PAGE_TWO_PHRASE = "the ministry paid for turquoise umbrellas twice"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


# ---------------------------------------------------------------- fixtures made here

def make_pdf(pages: list[list[str]], title: str | None = "Annual oversight report", author: str | None = "Office of Audits",
             created: datetime | None = datetime(2023, 11, 2, 9, 30, tzinfo=UTC)) -> bytes:
    """A PDF with a text layer: each page a list of paragraphs."""
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    if created:
        pdf.set_creation_date(created)
    pdf.set_font("helvetica", size=12)
    for paragraphs in pages:
        pdf.add_page()
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    return bytes(pdf.output())


def two_page_pdf() -> bytes:
    return make_pdf([
        ["Annual oversight report",
         "The office reviewed spending on public contracts and the way they were awarded. " * 3
         + "It found that most contracts went to three firms.",
         "A second paragraph describes the method used by the auditors, who sampled 400 invoices. " * 2],
        ["On the second page " + f"the auditors found that {PAGE_TWO_PHRASE}. " + "Officials disputed this. " * 6],
    ])


def rectangle_pdf() -> bytes:
    """A page with only a drawn rectangle: no text layer at all."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 80, 40, style="F")
    return bytes(pdf.output())


def image_pdf() -> bytes:
    """A 'scanned' page: one embedded image and no text."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("RGB", (60, 30), "white"), x=10, y=10, w=120)
    return bytes(pdf.output())


def encrypt(pdf: bytes, user_password: str, owner_password: str = "owner-secret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(extra_entries: dict[str, bytes] | None = None) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Memo on procurement"
    document.core_properties.author = "Jane Reporter"
    document.core_properties.created = datetime(2024, 1, 15, 8, 0, 0)
    document.add_heading("Procurement memo", level=1)
    document.add_paragraph("The first paragraph names the contractor and the amount paid.")
    document.add_heading("Findings", level=2)
    document.add_paragraph("A second paragraph says the tender was never published.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Year", "Amount"
    table.cell(1, 0).text, table.cell(1, 1).text = "2023", "1.2 million"
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    if not extra_entries:
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in entries:
            target.writestr(info, content)
        for name, content in extra_entries.items():
            target.writestr(name, content)
    return out.getvalue()


def declare_size(zip_bytes: bytes, entry: str, size: int) -> bytes:
    """Rewrite the central directory so that `entry` declares `size` uncompressed bytes."""
    data = bytearray(zip_bytes)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46: at + 46 + name_length]).decode() == entry:
            struct.pack_into("<I", data, at + 24, size)
            return bytes(data)
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(f"{entry} not in the archive")


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Regulators publish the AI access rules | Example News</title>
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://news.example.org/2024/ai-access-rules">
<script>document.write("never run");</script>
</head><body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
Accept all cookies or manage your cookie preferences.</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/tech">Technology section</a></li></ul></nav>
<article>
<h1>Regulators publish the AI access rules</h1>
<p>The regulator on Tuesday published a long-awaited set of rules governing who may access large
artificial intelligence models, and under what conditions.</p>
<p>Officials said the rules would take effect next year, after a consultation period in which
companies and civil society groups can submit comments.</p>
<h2>What changes</h2>
<p>Providers will have to publish a summary of the data used for training and keep logs of access
requests for at least five years.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved. Privacy policy. Terms of use.</footer>
</body></html>
"""

MARKDOWN = """---
title: "Notes from the hearing"
author: Sam Writer
date: 2024-02-29
---

# The hearing

The committee **questioned** the minister about the [contract](https://example.org/contract) for
*three hours*, and the minister read from `budget_line_7`.

## Quotes

- "We followed every rule," the minister said.
- ![a chart of spending](chart.png)

```
raw code stays as text
```

<div class="aside">An HTML aside <b>kept as text</b></div>
"""


def one(data: bytes, filename: str | None = None, limits: Limits = Limits()) -> ExtractedDocument:
    documents = extract(data, filename, limits)
    assert len(documents) == 1
    return documents[0]


def refused(data: bytes, filename: str | None = None, limits: Limits = Limits()) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        extract(data, filename, limits)
    return caught.value


# ---------------------------------------------------------------- PDF

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


# ---------------------------------------------------------------- DOCX

def test_docx_paragraphs_headings_tables_and_properties():
    data = make_docx()
    doc = one(data, "memo.docx")
    assert doc.format == "docx" and doc.pages == []
    assert doc.text.split("\n\n") == [
        "Procurement memo",
        "The first paragraph names the contractor and the amount paid.",
        "Findings",
        "A second paragraph says the tender was never published.",
        "Year | Amount",
        "2023 | 1.2 million",
    ]
    assert (doc.title, doc.author, doc.date) == ("Memo on procurement", "Jane Reporter", "2024-01-15")
    assert doc.content_hash == hashlib.sha256(data).hexdigest()


def test_docx_title_falls_back_to_first_heading():
    import docx

    document = docx.Document()
    document.core_properties.title = ""
    document.add_paragraph("An opening line that is not a heading.")
    document.add_heading("The real heading", level=1)
    out = io.BytesIO()
    document.save(out)
    assert one(out.getvalue(), "x.docx").title == "The real heading"


def test_docx_that_declares_a_huge_size_is_refused_before_unpacking():
    bomb = declare_size(make_docx(), "word/document.xml", 0xF000_0000)  # claims 3.75 GB
    error = refused(bomb, "bomb.docx")
    assert "zip bomb" in error.problem and "unpack to" in error.problem


def test_docx_with_an_extreme_compression_ratio_is_refused():
    # 8 MiB of zeros deflate to about 8 KiB: a ratio no document has (and fast to make).
    bomb = make_docx({"word/media/blob.bin": bytes(8 * 2**20)})
    assert len(bomb) < 200_000
    error = refused(bomb, "bomb.docx")
    assert "zip bomb" in error.problem and "compressed" in error.problem


def test_malformed_docx_is_refused_as_damaged():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    assert "damaged" in refused(out.getvalue(), "broken.docx").problem
    truncated = make_docx()[:-200]  # the ZIP directory is cut off
    assert "damaged" in refused(truncated, "cut.docx").problem


# ---------------------------------------------------------------- HTML

def test_html_keeps_the_article_and_its_metadata_not_the_boilerplate():
    doc = one(HTML_PAGE.encode(), "saved-page.html")
    assert doc.format == "html"
    assert "long-awaited set of rules" in doc.text
    assert "keep logs of access requests" in doc.text
    for boilerplate in ("cookie", "Technology section", "Politics", "All rights reserved", "never run"):
        assert boilerplate not in doc.text
    assert doc.title == "Regulators publish the AI access rules"
    assert doc.author == "Jane Reporter"
    assert doc.date == "2024-03-05"
    assert doc.url == "https://news.example.org/2024/ai-access-rules"
    assert "\n\n" in doc.text and "<" not in doc.text


def test_html_without_declared_metadata_leaves_it_empty():
    page = HTML_PAGE.replace('<meta name="author" content="Jane Reporter">', "").replace(
        '<meta property="article:published_time" content="2024-03-05T10:00:00Z">', "").replace(
        '<link rel="canonical" href="https://news.example.org/2024/ai-access-rules">', "")
    doc = one(page.encode(), "page.html")
    assert (doc.author, doc.date, doc.url) == (None, None, None)


# ---------------------------------------------------------------- Markdown and text

def test_markdown_is_stripped_lightly_and_front_matter_read():
    doc = one(MARKDOWN.encode(), "notes.md")
    assert doc.format == "markdown"
    assert (doc.title, doc.author, doc.date) == ("Notes from the hearing", "Sam Writer", "2024-02-29")
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "The hearing"
    assert paragraphs[1] == ("The committee questioned the minister about the contract for three hours, "
                             "and the minister read from budget_line_7.")
    assert "a chart of spending" in doc.text and "raw code stays as text" in doc.text
    assert "An HTML aside kept as text" in " ".join(doc.text.split())
    for markup in ("**", "](", "# ", "```", "<div", "<b>", "title:"):
        assert markup not in doc.text


def test_markdown_with_windows_line_endings():
    doc = one(MARKDOWN.replace("\n", "\r\n").encode(), "notes.md")
    assert (doc.title, doc.date) == ("Notes from the hearing", "2024-02-29")
    assert "\r" not in doc.text


def test_markdown_title_falls_back_to_the_top_heading():
    assert one(b"Intro line\n\n## Minor\n\n# Major heading\n\ntext", "a.md").title == "Major heading"


def test_plain_text_paragraphs_title_and_cleanup():
    doc = one(b"First line is the title\nstill paragraph one\n\n\n\nParagraph two\x0c with a form feed\x07\n", None)
    assert doc.format == "text"
    assert doc.title == "First line is the title"
    assert doc.text == "First line is the title\nstill paragraph one\n\nParagraph two with a form feed"


def test_non_utf8_text_is_decoded_with_a_warning():
    doc = one("Le ministre a déclaré que l'été serait chargé, très chargé.\n".encode("cp1252"), "note.txt")
    assert "déclaré" in doc.text and "été" in doc.text
    assert any("not UTF-8" in w for w in doc.warnings)


def test_title_falls_back_to_the_file_name_stem_as_a_string_only():
    from explorer.ingest.extract.base import name_stem, title_or_fallback

    assert name_stem("../../etc/Quarterly notes.md") == "Quarterly notes"
    assert name_stem("C:\\Users\\me\\Budget 2024.final.pdf") == "Budget 2024.final"
    assert name_stem(".hidden") == ".hidden"
    assert title_or_fallback(None, "  ", filename="/no/such/dir/Minutes.txt") == "Minutes"
    assert title_or_fallback(None, filename=None) == "Untitled document"
    # A long first line is cut at a word.
    title = one(("word " * 100).encode(), "/no/such/dir/a.txt").title
    assert title.endswith("…") and len(title) <= 201


# ---------------------------------------------------------------- CSV

def csv_bytes(rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode()


def test_csv_gives_one_document_per_row():
    data = csv_bytes([
        ["Title", "text", "url", "date"],
        ["First story", "Body of the first story.\n\nIts second paragraph.", "https://example.org/1", "2024-03-01"],
        ["", "A row without a title uses its first line.", "javascript:alert(1)", "1 March"],
        ["Empty", "", "", ""],
        ["Third", "x" * 200_000, "", ""],  # longer than the csv module's default field limit
    ])
    docs = extract(data, "stories.csv")
    assert [d.format for d in docs] == ["csv"] * 3
    first, second, third = docs
    assert (first.title, first.url, first.date) == ("First story", "https://example.org/1", "2024-03-01")
    assert first.text == "Body of the first story.\n\nIts second paragraph."
    assert second.title == "A row without a title uses its first line."
    assert (second.url, second.date) == (None, None)
    assert any("not YYYY-MM-DD" in w for w in second.warnings) and any("http(s)" in w for w in second.warnings)
    assert any("empty “text” were skipped" in w for w in first.warnings)
    assert len(third.text) == 200_000
    # Each row has its own hash, independent of the file around it.
    assert len({d.content_hash for d in docs}) == 3 and hashlib.sha256(data).hexdigest() not in {d.content_hash for d in docs}
    again = extract(csv_bytes([["title", "text", "url", "date"],
                               ["First story", "Body of the first story.\n\nIts second paragraph.",
                                "https://example.org/1", "2024-03-01"]]), "other.csv")
    assert again[0].content_hash == first.content_hash


def test_csv_missing_a_required_column_names_it():
    error = refused(csv_bytes([["title", "body"], ["A", "B"]]), "stories.csv")
    assert "“text” column" in error.problem and "title, body" in error.problem
    error = refused(csv_bytes([["headline", "body"], ["A", "B"]]), "stories.csv")
    assert "“title” and “text” columns" in error.problem


def test_csv_semicolons_and_row_limit():
    data = csv_bytes([["title", "text"], ["A", "one"], ["B", "two"], ["C", "three"]], delimiter=";")
    assert [d.title for d in extract(data, "s.csv")] == ["A", "B", "C"]
    assert "more than 2 rows" in refused(data, "s.csv", Limits(max_csv_rows=2)).problem


# ---------------------------------------------------------------- detection

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


def zip_with(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_empty_file_is_refused():
    assert refused(b"", "empty.txt").problem == "This file is empty."
    assert refused(b" \n\t ", "blank.txt").problem == "This file is empty."


# ---------------------------------------------------------------- limits

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
