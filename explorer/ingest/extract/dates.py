"""The date a document states about itself ("Adopted on 17 June 2025"), and dates users type.

A file's own timestamps (a PDF's creation date, a Word file's core properties) say when the file
was made, which for a decision or a report is often weeks after it was adopted, or the day it was
exported. When the text itself says when it was adopted, signed, issued or published, that date
is the document's date. Only dates introduced by such a verb count: "On 3 February 2025 the
company agreed..." is an event in the text, not the document's date.
"""

import re
from datetime import date

from explorer.ingest.extract.base import iso_date

_MONTHS = {name: number for number, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
     ("november", "nov"), ("december", "dec")], start=1) for name in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = (rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTH})\.?,?\s+(?P<y1>\d{{4}})"
         rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
         r"|(?P<iso>\d{4}-\d{2}-\d{2})")
_VERB = r"adopted|dated|signed|issued|published|decided|delivered|approved|done\s+at\s+[A-Z][\w-]*,?"
_STATED = re.compile(rf"\b(?:{_VERB})(?:\s*:\s*|\s+(?:in\s+[A-Z][\w-]*\s+)?(?:on\s+)?)(?:{_DATE})", re.IGNORECASE)
HEAD_CHARS = 6000  # a decision or release states its date near its start (or in its last lines)
TAIL_CHARS = 2000


def stated_date(text: str) -> tuple[str, str] | None:
    """(YYYY-MM-DD, the words that state it) for the first adoption/publication date in the text."""
    for part in (text[:HEAD_CHARS], text[-TAIL_CHARS:]):
        for match in _STATED.finditer(part):
            found = _to_iso(match)
            if found:
                return found, " ".join(match.group(0).split())
    return None


def _to_iso(match) -> str | None:
    if match["iso"]:
        return iso_date(match["iso"])
    day, month, year = (match["d1"], match["m1"], match["y1"]) if match["d1"] else (match["d2"], match["m2"], match["y2"])
    try:
        return date(int(year), _MONTHS[month.lower()], int(day)).isoformat()
    except ValueError:
        return None


def parse_user_date(value: str | None) -> str | None:
    """A date a user typed for a document: YYYY-MM-DD only (the grammar links and the CLI use)."""
    text = (value or "").strip()
    return iso_date(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None


def prefer_stated(text: str, file_date: str | None, warnings: list[str], what: str) -> str | None:
    """The stated date if the text has one (saying so when it replaces the file's `what` date), else file_date."""
    stated = stated_date(text)
    if stated is None:
        return file_date
    found, words = stated
    if file_date and file_date != found:
        warnings.append(f"Dated {found}, as the document states (“{words}”), not {file_date}, the {what}.")
    return found
