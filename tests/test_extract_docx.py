"""Document extraction, Word files: paragraphs, headings, tables, properties; ZIP bombs and damage refused.

Each format from bytes the tests make (tests/extract_documents.py), each refusal with its message."""

import hashlib
import io
import zipfile

from tests.extract_documents import declare_size, make_docx, one, refused


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
