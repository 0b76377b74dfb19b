"""The date a document states about itself ("Adopted on 17 June 2025"), and dates users type.

A file's own timestamps (a PDF's creation date, a Word file's core properties) say when the file
was made, which for a decision or a report is often weeks after it was adopted, or the day it was
exported. When the text itself says when it was written, that date is the document's date, in two
ways:

- a dateline or a date line among its first paragraphs: a news article's or a press release's
  "PORT ALDWICK, 10 March 2026." or "BOSTON and MUNICH, June 18, 2025" (a place, a comma, a day),
  a letter's "9 March 2026" on a line of its own;
- a date introduced by a verb saying it was adopted, signed, issued or published ("Published 3
  March 2026", "Adopted on 17 June 2025"), near the start or in the last lines.

The dateline comes first: it is where the document starts, while a verb's date can be a report
the text cites. Anything else is not the document's date: "On 3 February 2025 the company
agreed..." is an event in the text. The day is read by the project's one date grammar
(explorer.dates), absolute and at day precision only.
"""

import re


_VERB = r"adopted|dated|signed|issued|published|decided|delivered|approved|done\s+at\s+[A-Z][\w-]*,?"
_STATED = re.compile(rf"\b(?:{_VERB})(?:\s*:\s*|\s+(?:in\s+[A-Z][\w-]*\s+)?(?:on\s+)?)", re.IGNORECASE)
HEAD_CHARS = 6000  # a decision or release states its date near its start (or in its last lines)
TAIL_CHARS = 2000
DATELINE_PARAGRAPHS = 12  # a dateline or a letter's date line is among the first paragraphs (a letterhead before it)


def dateline_date(text: str) -> tuple[str, str] | None:
    """(YYYY-MM-DD, the words that state it) from a dateline ("PORT ALDWICK, 10 March 2026") or a
    date line of its own ("9 March 2026") among the first paragraphs; None when there is none."""
    from explorer.datelines import dateline

    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", text[:HEAD_CHARS]) if p.strip()]
    for paragraph in paragraphs[:DATELINE_PARAGRAPHS]:
        found = dateline(paragraph)
        if found is not None:
            return found.day.value, found.words
    return None


def stated_date(text: str) -> tuple[str, str] | None:
    """(YYYY-MM-DD, the words that state it) for the date a document states about itself: its
    dateline or date line (`dateline_date`), else the first adoption/publication date, a day the
    project's date grammar (explorer.dates) reads right after the verb."""
    from explorer.dates import find_dates

    dateline = dateline_date(text)
    if dateline is not None:
        return dateline
    for part in (text[:HEAD_CHARS], text[-TAIL_CHARS:]):
        for match in _STATED.finditer(part):
            after = part[match.end():match.end() + 40]
            found = [m for m in find_dates(after, None) if m.start == 0 and m.precision == "day" and not m.relative]
            if found:
                return found[0].value, " ".join((match.group(0) + found[0].text).split())
    return None


def parse_user_date(value: str | None) -> str | None:
    """A date a user typed for a document: YYYY-MM-DD only (the grammar links and the CLI use)."""
    from explorer.dates import limit

    text = (value or "").strip()
    day = limit(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    return day.isoformat() if day else None


def prefer_stated(text: str, file_date: str | None, warnings: list[str], what: str) -> str | None:
    """The stated date if the text has one (saying so when it replaces the file's `what` date), else file_date."""
    stated = stated_date(text)
    if stated is None:
        return file_date
    found, words = stated
    if file_date and file_date != found:
        warnings.append(f"Dated {found}, as the document states (“{words}”), not {file_date}, the {what}.")
    return found
