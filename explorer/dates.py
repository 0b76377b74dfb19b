"""The one date grammar: how a person writes a date limit, in a link, the CLI or the JSON twin.

A limit is ISO 8601's calendar form at one of three precisions (day, month, year; a quarter or a
half, which dates have below, is not written as a limit):

    2024-02-26   that day
    2024-02      that month: from its first day, or (as an upper limit) to its last
    2024         that year: from 1 January, or (as an upper limit) to 31 December

Nothing else: Python's `date.fromisoformat` also takes `20240226` and week dates (`2024-W09-1`),
which read as typos in a link and differ from what people write; a time, a slash date or
non-ASCII digits are refused too. Every parser of a date limit (explorer.links for the pages and
the twins, explorer.cli for `--from`/`--to`) calls `limit`, so one text gets one answer.

The text grammar, below: every date a document's text states, in one place. The events layer
(explorer.analysis.events), the figures of a passage (explorer.analysis.figures, for entities and
claims) and the date a document states about itself (explorer.ingest.extract.dates) all call
`find_dates`, so one phrase gets one reading everywhere: absolute ("3 February 2025", "June 11,
2025", "March 2026", "in 2011"), relative to the document's own date ("today", "yesterday", "on
Tuesday", "last Wednesday", "last week", "last month", "in April", "fourteen years ago") and
relative to the date stated just before ("the next day", "two weeks later"). What is not a date
of an event is left out on purpose: vague spans ("two decades ago", "years ago"), durations ("seven weeks", "within three months"), a year
after "for" ("guidance for 2025"), "this year", years inside case numbers ("M/2025/017") and
citations ("(2019) 3 CMLR 45"), copyright lines. A relative date without a document date cannot
be resolved: it is kept with `value=None` (the event is undated, not dropped). A dateline
("PORT ALDWICK, 10 March 2026.") is read with this grammar by explorer.datelines.

Precision is day, month, quarter, half or year (`PRECISIONS`, finest first), each with its one
written form (`PRECISION_FORMS`): 2025-06-11, 2025-06, 2025-Q3, 2025-H1, 2025. "In the third quarter of
2025" and "Q3 2025" are 2025-Q3, "the first half of 2026" and "H1 2026" are 2026-H1 (a quarter or
half without its year is in the document's year). A week ("last week") is given at month
precision (the month of its Thursday); "early 2026" at year precision: never finer than what is
written, never coarser than it has to be. Every reader of a dated value (the timeline's table
and charts, merging, the exports, the figures of a passage) asks `day_range`, `compatible` and
`precision_of` here rather than cutting the text, so a new precision is added in one place.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

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


PRECISIONS = ("day", "month", "quarter", "half", "year")  # finest first
PRECISION_FORMS = {"day": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"), "month": re.compile(r"[0-9]{4}-[0-9]{2}"),
                   "quarter": re.compile(r"[0-9]{4}-Q[1-4]"), "half": re.compile(r"[0-9]{4}-H[12]"),
                   "year": re.compile(r"[0-9]{4}")}
FORM_LABELS = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "quarter": "YYYY-Qn (n = 1 to 4)",
               "half": "YYYY-Hn (n = 1 or 2)", "year": "YYYY"}


def precision_of(value: str | None) -> str | None:
    """The precision a dated value is written at ("2025-Q3": quarter), None when it is none of the forms."""
    text = str(value or "").strip()
    return next((p for p, form in PRECISION_FORMS.items() if form.fullmatch(text)), None)


MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["Sept"] = 9
MONTHS["Sep"] = 9
WEEKDAYS = {name: number for number, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                "fifteen": 15, "twenty": 20, "thirty": 30, "a": 1, "an": 1}

ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_YEAR = r"(?P<year>(?:19|20)\d{2})(?![\d/])"
_COUNT = r"(?P<count>\d+|" + "|".join(NUMBER_WORDS) + r")"
_UNIT = r"(?P<unit>day|week|month|year)s?"

_ON_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? )?"

# (name, pattern); order matters: the first pattern to claim a span keeps it.
PATTERNS = [
    ("day_month_year", rf"\b{_ON_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)? {_MONTH},? {_YEAR}"),
    ("month_day_year", rf"\b{_ON_WEEKDAY}{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?,? {_YEAR}"),
    ("iso_day", r"(?<![\w/-])(?P<year>(?:19|20)\d{2})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\w/-])"),
    ("month_year", rf"\b{_MONTH} (?:of )?{_YEAR}"),
    ("quarter", rf"\b(?:in )?the (?P<quarter>first|second|third|fourth|1st|2nd|3rd|4th) quarter(?: of (?:{_YEAR}|(?P<rel>last|next|this) year))?"),
    ("half", rf"\b(?:in )?the (?P<half>first|second|1st|2nd) half(?: of (?:{_YEAR}|(?P<rel>last|next|this) year))?(?! of (?:the|a|an|this|its|his|her)\b)"),
    ("quarter_short", rf"\b(?P<quarter>Q[1-4])[ -]?(?:'(?P<yy>\d{{2}})\b|{_YEAR})"),
    ("half_short", rf"\b(?P<half>H[12])[ -]?(?:'(?P<yy>\d{{2}})\b|{_YEAR})"),
    ("part_year", rf"\b(?:early|mid|late|mid-)[ -]?{_YEAR}"),
    ("in_year", rf"\b(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom) {_YEAR}"),
    ("ago", rf"\b{_COUNT} {_UNIT} ago\b"),
    ("later", rf"\b{_COUNT} {_UNIT} later\b"),
    ("earlier", rf"\b{_COUNT} {_UNIT} earlier\b"),
    # "the day after" alone, not "the day after the decision" (a day relative to a thing, not a date)
    ("next_day", r"\b(?:[Tt]he (?:next|following) day\b|[Tt]he day after(?=\s*[,.;:)]|\s*$))"),
    ("previous_day", r"\b(?:[Tt]he previous day\b|[Tt]he day before(?=\s*[,.;:)]|\s*$))"),
    ("today", r"\b(?:today|yesterday|tomorrow)\b"),
    ("last_weekday", rf"\b(?:last|this past) {_WEEKDAY}\b"),
    ("on_weekday", rf"\b[Oo]n {_WEEKDAY}\b"),
    ("next_weekday", rf"\b[Nn]ext {_WEEKDAY}\b"),
    ("last_period", r"\b[Ll]ast (?P<period>week|month|year)\b"),
    ("next_period", r"\b(?P<which>[Nn]ext|[Tt]his) (?P<period>week|month)\b|\b[Nn]ext (?P<nextyear>year)\b"),
    ("in_month", rf"\b(?P<prep>[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter|as early as|[Ee]arly|"
                 rf"[Ll]ate|[Mm]id|end of|[Ll]ast|[Nn]ext)[ -]{_MONTH}(?! \d)\b"),
    ("month_day", rf"\b{_MONTH} (?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?![\d,]| (?:19|20)\d{{2}}|, (?:19|20)\d{{2}})"),
    ("recent", r"\b[Rr]ecent(?:ly)?\b"),
]
COMPILED = [(name, re.compile(pattern)) for name, pattern in PATTERNS]
# A year in parentheses followed by a volume and a report's initials is a citation ("(2019) 3 CMLR 45").
CITATION = re.compile(r"\((?:19|20)\d{2}\)\s*\d+\s+[A-Z]{2,}")
COPYRIGHT = re.compile(r"(?:©|&copy;|\(c\)|[Cc]opyright)\s*(?:19|20)\d{2}")


@dataclass(frozen=True)
class DateMention:
    """A date expression: where it is, what it says, and what it resolves to."""

    text: str
    start: int
    end: int
    value: str | None  # at its precision's form ("2025-06-12", "2025-06", "2025-Q3", "2025-H1", "2025"); None: unresolved
    precision: str | None  # one of PRECISIONS
    relative: bool  # resolved against the document's date or the previous date
    anchor: str = ""  # "document" or "previous" for relative mentions
    offset_days: int = 0  # for anchor "previous": days after the previous dated mention

    def day_range(self) -> tuple[date, date] | None:
        return day_range(self.value, self.precision)


def day_range(value: str | None, precision: str | None = None) -> tuple[date, date] | None:
    """First and last day a dated value covers (None when undated). `precision` defaults to the
    one the value is written at; a value not written at its precision's form is a ValueError."""
    if not value:
        return None
    precision = precision or precision_of(value)
    if not precision:
        return None
    form = PRECISION_FORMS.get(precision)
    if form is None or not form.fullmatch(str(value)):
        raise ValueError(f"{value!r} is not a date at {precision!r} precision ({FORM_LABELS.get(precision, '?')})")
    year = int(value[:4])
    if precision == "day":
        day = date.fromisoformat(value)
        return day, day
    if precision == "year":
        return date(year, 1, 1), date(year, 12, 31)
    if precision == "month":
        first_month = last_month = int(value[5:7])
    elif precision == "quarter":
        last_month = 3 * int(value[6])
        first_month = last_month - 2
    else:  # half
        last_month = 6 * int(value[6])
        first_month = last_month - 5
    return date(year, first_month, 1), date(year, last_month, calendar.monthrange(year, last_month)[1])


def compatible(a: str | None, b: str | None) -> bool:
    """Can two dates be the same date? The days one covers hold the other's (an undated one is
    compatible with any): "2025-06" and "2025-06-11" can, "2025-06-10" and "2025-06-11" cannot,
    "2025-Q3" and "2025-07" can, "2025-Q3" and "2025-06" cannot."""
    if not a or not b:
        return True
    try:
        ra, rb = day_range(a), day_range(b)
    except ValueError:
        ra = rb = None
    if ra is None or rb is None:
        return a.startswith(b) or b.startswith(a)
    return (ra[0] <= rb[0] and rb[1] <= ra[1]) or (rb[0] <= ra[0] and ra[1] <= rb[1])


def iso(day: date, precision: str) -> str:
    """The value of the period at `precision` that holds `day`."""
    if precision == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if precision == "half":
        return f"{day.year}-H{1 if day.month <= 6 else 2}"
    return {"day": day.isoformat(), "month": day.isoformat()[:7], "year": str(day.year)}[precision]


def label(value: str | None, precision: str | None = None) -> str:
    """A dated value as people write it: "11 June 2025", "June 2025", "Q3 2025", "H1 2026", "2025"."""
    if not value:
        return "undated"
    precision = precision or precision_of(value)
    if precision == "day":
        day = date.fromisoformat(value)
        return f"{day.day} {calendar.month_name[day.month]} {day.year}"
    if precision == "month":
        return f"{calendar.month_name[int(value[5:7])]} {value[:4]}"
    if precision in ("quarter", "half"):
        return f"{value[5:7]} {value[:4]}"
    return str(value)


def parse_reference(text: str | None) -> date | None:
    """The document's date as a day (a month or year date gives its first day; bad text: None)."""
    if not text:
        return None
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(text))
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))
    except ValueError:
        return None


# A year on its own: a date mention (of a figure, not of an event: "revenue in 2024" states a
# measurement), unless part of a case number ("M/2025/017"), a longer number or a citation.
BARE_YEAR = ("bare_year", re.compile(r"(?<![\w/.,-])(?P<year>(?:19|20)\d{2})(?![\w/-]|,\d|\.\d|\)\s\d)"))
THIS_YEAR = ("this_year", re.compile(r"\b[Tt]his year\b"))  # names a year; never when an event happened


def find_dates(sentence: str, reference: date | None, bare_years: bool = False) -> list[DateMention]:
    """Every date expression of a sentence, in order, resolved against `reference` (the
    document's date) where it is relative to it; `bare_years` also takes a year written alone
    and "this year", which name a year but not when an event happened ("in 2024" is read either
    way; "2024 revenue" and "the largest deal this year" only with it)."""
    blocked = [(m.start(), m.end()) for m in (*CITATION.finditer(sentence), *COPYRIGHT.finditer(sentence))]
    taken: list[tuple[int, int]] = []
    found = []
    for name, pattern in COMPILED + ([BARE_YEAR, THIS_YEAR] if bare_years else []):
        for match in pattern.finditer(sentence):
            span = (match.start(), match.end())
            if any(s < span[1] and span[0] < e for s, e in taken + blocked):
                continue
            mention = _resolve(name, match, reference)
            if mention is not None:
                taken.append(span)
                found.append(mention)
    return sorted(found, key=lambda m: m.start)


def _count(text: str) -> int:
    return int(text) if text.isdigit() else NUMBER_WORDS[text.lower()]


def _resolve(name: str, match: re.Match, reference: date | None) -> DateMention | None:
    groups = match.groupdict()
    text, start, end = match.group(0), match.start(), match.end()

    def absolute(value, precision):
        return DateMention(text, start, end, value, precision, False)

    def relative(day, precision):
        if reference is None or day is None:
            return DateMention(text, start, end, None, None, True, "document")
        return DateMention(text, start, end, iso(day, precision), precision, True, "document")

    try:
        if name in ("day_month_year", "month_day_year"):
            day = date(int(groups["year"]), MONTHS[groups["month"]], int(groups["day"]))
            return absolute(day.isoformat(), "day")
        if name == "iso_day":
            return absolute(date(int(groups["year"]), int(groups["mon"]), int(groups["day"])).isoformat(), "day")
        if name == "month_day":
            if reference is None:
                return relative(None, "day")
            return relative(date(reference.year, MONTHS[groups["month"]], int(groups["day"])), "day")
        if name == "month_year":
            return absolute(f"{groups['year']}-{MONTHS[groups['month']]:02d}", "month")
    except ValueError:
        return None  # "31 February 2025" is not a date
    if name == "this_year":
        return relative(date(reference.year, 1, 1) if reference else None, "year")
    if name in ("part_year", "in_year", "bare_year"):
        return absolute(groups["year"], "year")
    if name in ("quarter", "half", "quarter_short", "half_short"):
        precision = "quarter" if "quarter" in name else "half"
        which = (groups.get("quarter") or groups.get("half") or "").lower()
        number = int(which[1]) if which[:1] in ("q", "h") else ORDINALS[which]
        year = groups.get("year") or (f"20{groups['yy']}" if groups.get("yy") else None)
        if year:
            return absolute(f"{year}-{precision[0].upper()}{number}", precision)
        if reference is None:
            return relative(None, precision)
        shift = {"last": -1, "next": 1}.get(groups.get("rel") or "", 0)
        return DateMention(text, start, end, f"{reference.year + shift}-{precision[0].upper()}{number}", precision,
                           True, "document")
    if name == "ago":
        amount, unit = _count(groups["count"]), groups["unit"]
        if reference is None:
            return relative(None, "year")
        if unit == "year":
            return relative(date(reference.year - amount, 1, 1), "year")
        if unit == "month":
            month_index = reference.year * 12 + reference.month - 1 - amount
            return relative(date(month_index // 12, month_index % 12 + 1, 1), "month")
        days = amount * (7 if unit == "week" else 1)
        return relative(reference - timedelta(days=days), "day" if unit == "day" else "month")
    if name == "later":
        amount, unit = _count(groups["count"]), groups["unit"]
        if unit not in ("day", "week"):
            return DateMention(text, start, end, None, None, True, "previous", 0)
        return DateMention(text, start, end, None, None, True, "previous", amount * (7 if unit == "week" else 1))
    if name == "earlier":
        amount, unit = _count(groups["count"]), groups["unit"]
        if unit not in ("day", "week"):
            return DateMention(text, start, end, None, None, True, "previous", 0)
        return DateMention(text, start, end, None, None, True, "previous", -amount * (7 if unit == "week" else 1))
    if name == "next_day":
        return DateMention(text, start, end, None, None, True, "previous", 1)
    if name == "previous_day":
        return DateMention(text, start, end, None, None, True, "previous", -1)
    if name == "next_weekday":
        if reference is None:
            return relative(None, "day")
        ahead = (WEEKDAYS[groups["weekday"]] - reference.weekday()) % 7 or 7
        return relative(reference + timedelta(days=ahead), "day")
    if name == "next_period":
        if reference is None:
            return relative(None, "month")
        step = 0 if (groups.get("which") or "").lower() == "this" else 1
        if groups.get("nextyear"):
            return relative(date(reference.year + 1, 1, 1), "year")
        if groups["period"] == "week":
            thursday = reference - timedelta(days=reference.weekday()) + timedelta(days=3 + 7 * step)
            return relative(thursday, "month")
        month_index = reference.year * 12 + reference.month - 1 + step
        return relative(date(month_index // 12, month_index % 12 + 1, 1), "month")
    if name == "today":
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[text.lower()]
        return relative(reference + timedelta(days=shift) if reference else None, "day")
    if name == "on_weekday":
        if reference is None:
            return relative(None, "day")
        back = (reference.weekday() - WEEKDAYS[groups["weekday"]]) % 7
        return relative(reference - timedelta(days=back), "day")
    if name == "last_weekday":
        if reference is None:
            return relative(None, "day")
        monday = reference - timedelta(days=reference.weekday() + 7)  # the week before the document's
        return relative(monday + timedelta(days=WEEKDAYS[groups["weekday"]]), "day")
    if name == "last_period":
        if reference is None:
            return relative(None, "month")
        period = groups["period"]
        if period == "week":
            thursday = reference - timedelta(days=reference.weekday() + 7) + timedelta(days=3)
            return relative(thursday, "month")
        if period == "month":
            first = reference.replace(day=1) - timedelta(days=1)
            return relative(first, "month")
        return relative(date(reference.year - 1, 1, 1), "year")
    if name == "in_month":
        if reference is None:
            return relative(None, "month")
        month, prep = MONTHS[groups["month"]], (groups.get("prep") or "").lower()
        year = reference.year - (prep == "last" and month >= reference.month) + (prep == "next" and month <= reference.month)
        return relative(date(year, month, 1), "month")
    if name == "recent":
        return DateMention(text, start, end, None, None, True, "document")
    return None
