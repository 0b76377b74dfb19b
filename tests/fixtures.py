"""Documents the tests make themselves (no binary blobs in the repository)."""


def two_page_pdf(first: str, second: str) -> bytes:
    """A PDF with a text layer: `first` on page 1, `second` on page 2 (blank lines split paragraphs)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    for text in (first, second):
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())
