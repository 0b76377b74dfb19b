"""The date grammar of events is the project's one date grammar, explorer.dates: this module
only names what the events layer uses of it."""

from explorer.dates import (  # noqa: F401  (re-exported for the events layer)
    COMPILED, MONTHS, PATTERNS, WEEKDAYS, DateMention, compatible, day_range, find_dates, iso, parse_reference,
)
