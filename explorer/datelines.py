"""A paragraph's dateline: "PORT ALDWICK, 10 March 2026." or a letter's "9 March 2026".

It gives an uploaded document its date (explorer.ingest.extract.dates), the events of that
document the day their relative dates count from (explorer.analysis.events.sentences), and the
entities the place it names (explorer.analysis.entities.context). The day is read by the one date
grammar (explorer.dates.find_dates), so a dateline's date reads as the same words anywhere else.
"""

import re
from dataclasses import dataclass

from explorer.dates import DateMention, find_dates

# A place as a dateline writes it: capitalised words ("PORT ALDWICK", "Port Aldwick", "BOSTON and
# MUNICH", "St. John's"), an agency in brackets allowed ("LONDON (Reuters)"), then a comma.
_DATELINE_PLACE = re.compile(
    r"[A-Z][\w'’.-]*(?:[ -](?:[A-Z][\w'’.-]*|and|&|de|del|la|le|upon|on|am|an))*(?:\s*\([A-Z][^()]{0,30}\))?,\s*")
_MAX_PLACE_WORDS = 6
# A sentence opening with a word like these is prose, not a dateline: "In Paris, 3 May 2024, the board met."
_PROSE_OPENERS = {"in", "on", "at", "by", "from", "since", "until", "the", "a", "an", "and", "but", "as", "after",
                  "before", "when", "while", "dear", "to", "for", "of", "with"}
# The date of a dateline ends the line or is closed: a full stop, a colon or a dash follows it.
_DATELINE_END = re.compile(r"\s*(?:$|[.:]|[—–-]|\|)")
_MARKUP = " *_"


@dataclass(frozen=True)
class Dateline:
    """A paragraph's dateline: the place it names (its span in the paragraph; empty for a date
    line alone, a letter's "9 March 2026"), the day, and the words that state them."""

    place_start: int
    place_end: int
    day: DateMention
    words: str


def _day_at_start(text: str) -> DateMention | None:
    found = [m for m in find_dates(text[:60], None) if m.start == 0 and m.precision == "day" and not m.relative]
    return found[0] if found else None


def dateline(paragraph: str) -> Dateline | None:
    """The dateline a paragraph opens with ("PORT ALDWICK, 10 March 2026. Corvane said...",
    "**COPENHAGEN, Thursday 19 June 2025** — By ..."), or the date it is alone ("9 March 2026"):
    a place of capitalised words, a comma, an absolute day, then the end of the line, a full stop,
    a colon or a dash. Prose opening with a place and a date ("In Paris, 3 May 2024, the board
    met") is not one."""
    at = len(paragraph) - len(paragraph.lstrip(_MARKUP))
    body = paragraph[at:]
    alone = _day_at_start(body)
    if alone is not None and not body[alone.end:].strip(" ." + _MARKUP):
        return Dateline(at, at, alone, alone.text)
    place = _DATELINE_PLACE.match(body)
    if (place is None or len(place.group(0).split()) > _MAX_PLACE_WORDS + 1
            or place.group(0).split()[0].strip(",").lower() in _PROSE_OPENERS):
        return None
    rest = body[place.end():]
    day = _day_at_start(rest)
    if day is None or not _DATELINE_END.match(rest, day.end):
        return None
    named = place.group(0).rstrip(", \n")
    named = re.sub(r"\s*\([^()]*\)$", "", named)  # "LONDON (Reuters)": the agency is not the place
    return Dateline(at, at + len(named), day, " ".join((place.group(0) + day.text).split()))
