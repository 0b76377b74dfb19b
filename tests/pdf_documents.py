"""PDFs rendered from the fiction test texts (explorer/bench/data/fiction), as tests/fixtures.py does:
no binary fixtures in the repository."""

from pathlib import Path

FICTION = Path(__file__).resolve().parent.parent / "explorer" / "bench" / "data" / "fiction"


def decision_pdf() -> bytes:
    """The invented competition decision (numbered paragraphs, a running header, "Page N of 3"
    footers, form-feed page breaks) as a three-page PDF with a text layer, one page per form feed."""
    from fpdf import FPDF

    text = (FICTION / "decision.txt").read_text(encoding="utf-8").replace("€", "EUR ")  # core fonts are Latin-1
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for page in text.split("\f"):
        pdf.add_page()
        for paragraph in (p.strip() for p in page.split("\n\n")):
            if paragraph:
                pdf.multi_cell(0, 6, paragraph)
                pdf.ln(3)
    return bytes(pdf.output())
