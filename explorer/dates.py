"""The one date grammar: how a person writes a date limit, in a link, the CLI or the JSON twin.

A limit is ISO 8601's calendar form at one of the three precisions the timeline's own dates
have (`date_precision`: day, month, year):

    2024-02-26   that day
    2024-02      that month: from its first day, or (as an upper limit) to its last
    2024         that year: from 1 January, or (as an upper limit) to 31 December

Nothing else: Python's `date.fromisoformat` also takes `20240226` and week dates (`2024-W09-1`),
which read as typos in a link and differ from what people write; a time, a slash date or
non-ASCII digits are refused too. Every parser of a date limit (explorer.links for the pages and
the twins, explorer.cli for `--from`/`--to`) calls `limit`, so one text gets one answer."""

import calendar
import re
from datetime import date

_LIMIT = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", re.ASCII)
FORMS = "a date like 2024-02-26, a month like 2024-02 or a year like 2024"


def limit(text, end: bool = False) -> date | None:
    """The first day `text` names (its last when `end`, for an upper limit), or None when `text`
    is not YYYY-MM-DD, YYYY-MM or YYYY, or names no real day."""
    match = _LIMIT.fullmatch(str(text).strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            day = calendar.monthrange(year, month)[1] if end else 1
        return date(year, month, day)
    except (ValueError, calendar.IllegalMonthError):
        return None
