"""Documents the extraction tests make from bytes, and two helpers to extract them.

No binary fixture is committed: PDFs come from fpdf2 (and pypdf for encryption), Word files from
python-docx, ZIP bombs from zipfile with a patched directory, the rest is text written here.
"""

import csv
import io
import struct
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from explorer.ingest.extract import ExtractedDocument, ExtractionError, Limits, extract

ROOT = Path(__file__).resolve().parent.parent
PAGE_TWO_PHRASE = "the ministry paid for turquoise umbrellas twice"
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


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


def csv_bytes(rows: list[list[str]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode()


def zip_with(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()
