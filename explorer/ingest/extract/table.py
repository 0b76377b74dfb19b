"""CSV files: one document per row, from the columns `title` and `text` (and optionally `url` and `date`)."""

import csv
import hashlib
import io
import json
from dataclasses import replace

from explorer.ingest.extract.base import (
    CharBudget,
    ExtractedDocument,
    ExtractionError,
    Limits,
    clean_paragraph,
    clean_url,
    first_line,
    iso_date,
    join_paragraphs,
    name_stem,
    short_title,
    split_paragraphs,
)
from explorer.ingest.extract.detect import csv_delimiter

REQUIRED = ("title", "text")
OPTIONAL = ("url", "date")
_COLUMNS_FIX = ("Make the first row name the columns `title` and `text` (and optionally `url` and `date`), "
                "then add the file again.")


def extract_csv(text: str, filename: str | None, limits: Limits, warnings: list[str]) -> list[ExtractedDocument]:
    """One document per row with text. Warnings about the whole file (its encoding, skipped rows) go
    on the first document; a row's own warnings (an unreadable date or URL) on that row's document."""
    text = text.lstrip("\ufeff")
    delimiter = csv_delimiter(text.split("\n", 1)[0])
    # Long articles exceed the csv module's default field limit (128 KiB); raising it only loosens it.
    csv.field_size_limit(max(csv.field_size_limit(), limits.max_chars + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if not header:
            raise ExtractionError("This CSV has no header row.", _COLUMNS_FIX)
        columns = _columns(header)
        missing = [name for name in REQUIRED if name not in columns]
        if missing:
            named = " and ".join(f"“{name}”" for name in missing)
            found = ", ".join(c.strip() for c in header if c.strip()) or "none"
            raise ExtractionError(f"This CSV has no {named} column{'s' if len(missing) > 1 else ''} "
                                  f"(its columns are: {short_title(found, 300)}).", _COLUMNS_FIX)
        budget = CharBudget(limits)
        documents: list[ExtractedDocument] = []
        empty_rows: list[int] = []
        stem = name_stem(filename) or "CSV"
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            cell = {name: (row[i].strip() if i < len(row) else "") for name, i in columns.items()}
            body = budget.spend(join_paragraphs(split_paragraphs(cell["text"])))
            if not body:
                empty_rows.append(line)
                continue
            if len(documents) >= limits.max_csv_rows:
                raise ExtractionError(f"This CSV has more than {limits.max_csv_rows:,} rows with text, the limit "
                                      "for one file.", "Split it into smaller CSV files and add those.")
            documents.append(_row_document(cell, body, line, stem))
    except csv.Error as error:
        raise ExtractionError(f"This CSV cannot be parsed near line {reader.line_num} ({error}).",
                              "Check the quotes on that line, or export the sheet again as “CSV UTF-8”.",
                              detail=str(error)) from None
    if empty_rows:
        shown = ", ".join(str(n) for n in empty_rows[:10]) + (" …" if len(empty_rows) > 10 else "")
        warnings = warnings + [f"{len(empty_rows)} row(s) with an empty “text” were skipped (line {shown})."]
    if not documents:
        raise ExtractionError("This CSV has no rows with text.", "Fill in the “text” column, then add the file again.")
    documents[0] = replace(documents[0], warnings=warnings + documents[0].warnings)
    return documents


def _columns(header: list[str]) -> dict[str, int]:
    """Known column names (case and spaces ignored) to their index; the first of duplicates wins."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = name.strip().lstrip("\ufeff").lower()
        if key in REQUIRED + OPTIONAL and key not in found:
            found[key] = index
    return found


def _row_document(cell: dict[str, str], body: str, line: int, stem: str) -> ExtractedDocument:
    warnings = []
    raw_date, raw_url = cell.get("date", ""), cell.get("url", "")
    date = iso_date(raw_date) if raw_date else None
    if raw_date and date is None:
        warnings.append(f"Line {line}: the date “{short_title(raw_date, 40)}” is not YYYY-MM-DD and was left out.")
    url = clean_url(raw_url) if raw_url else None
    if raw_url and url is None:
        warnings.append(f"Line {line}: the url “{short_title(raw_url, 60)}” is not an http(s) address and was left out.")
    title = short_title(clean_paragraph(cell["title"])) or first_line(body) or f"{stem} (line {line})"
    row_key = json.dumps([cell["title"], cell["text"], raw_url, raw_date], ensure_ascii=False)
    return ExtractedDocument(title=title, text=body, pages=[], author=None, date=date, url=url, format="csv",
                             content_hash=hashlib.sha256(row_key.encode("utf-8")).hexdigest(), warnings=warnings)
