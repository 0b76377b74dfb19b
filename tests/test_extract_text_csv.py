"""Document extraction, Plain text (encodings, titles) and CSV (one document per row, required columns, limits).

Each format from bytes the tests make (tests/extract_documents.py), each refusal with its message."""

import hashlib

from explorer.ingest.extract import Limits, extract
from tests.extract_documents import csv_bytes, one, refused


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


def test_a_plain_text_list_gives_one_paragraph_per_item():
    """The article's own layout, uploaded as a .txt: a lead-in, then bullet lines in the same
    block. Each item is its own paragraph (without its bullet), a numbered item keeps its number,
    a line with no marker continues its item, and wrapped prose stays one paragraph."""
    text = ("Here is how the details break down:\n"
            "  • €15 Million Investment: Microsoft pledged €15 million.\n"
            "  • Azure Supercomputing Infrastructure: Microsoft will give Mistral AI access\n"
            "    to Azure.\n"
            "- Model distribution: the models are hosted on Azure.\n\n"
            "The authority listed its steps:\n1. It opened an inquiry.\n2) It asked for comments.\n\n"
            "A wrapped paragraph of prose that goes on\nto a second line in 2024. and a third.\n")
    doc = one(text.encode(), "desk.txt")
    assert doc.text.split("\n\n") == [
        "Here is how the details break down:",
        "€15 Million Investment: Microsoft pledged €15 million.",
        "Azure Supercomputing Infrastructure: Microsoft will give Mistral AI access\nto Azure.",
        "Model distribution: the models are hosted on Azure.",
        "The authority listed its steps:",
        "1. It opened an inquiry.",
        "2) It asked for comments.",
        "A wrapped paragraph of prose that goes on\nto a second line in 2024. and a third.",
    ]
