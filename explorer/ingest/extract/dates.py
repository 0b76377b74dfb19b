"""The date a document states about itself ("Adopted on 17 June 2025"), and dates users type.

A file's own timestamps (a PDF's creation date, a Word file's core properties) say when the file
was made, which for a decision or a report is often weeks after it was adopted, or the day it was
exported. When the text itself says when it was adopted, signed, issued or published, that date
is the document's date. Only dates introduced by such a verb count: "On 3 February 2025 the
company agreed..." is an event in the text, not the document's date.
"""

import re


_VERB = r"adopted|dated|signed|issued|published|decided|delivered|approved|done\s+at\s+[A-Z][\w-]*,?"
_STATED = re.compile(rf"\b(?:{_VERB})(?:\s*:\s*|\s+(?:in\s+[A-Z][\w-]*\s+)?(?:on\s+)?)", re.IGNORECASE)
HEAD_CHARS = 6000  # a decision or release states its date near its start (or in its last lines)
TAIL_CHARS = 2000


def stated_date(text: str) -> tuple[str, str] | None:
    """(YYYY-MM-DD, the words that state it) for the first adoption/publication date in the text:
    a day the project's date grammar (explorer.dates) reads right after the verb."""
    from explorer.dates import find_dates

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
