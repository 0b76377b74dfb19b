"""The one place that finds figures in text (amounts of money, percentages, counts, dates) and
normalises them, so that "€15M", "EUR 15 million" and "15 million euros" are one amount and
"yesterday" in a document dated 18 June 2025 is 17 June 2025.

Own regular expressions, not a general parser: the labelled set (explorer/bench/data) showed that
a parser run over whole sentences also reads section numbers, case numbers and page footers as
dates, while the forms journalists' documents use are few and regular. Everything is pure and
offline. Relative dates need the document's own date (`reference_date`); without it they are not
returned, because a guess would look like a fact.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

__all__ = ["Figure", "find_figures", "same_figure", "describe"]


@dataclass(frozen=True)
class Figure:
    kind: str  # "money" | "percent" | "count" | "date"
    text: str  # as written
    start: int
    end: int  # character offsets in the text given
    value: float | str  # money/percent/count: a float; date: ISO "2025-06-12" | "2025-06" | "2025"
    unit: str | None  # money: ISO currency; count: the counted noun, singular, lower case; else None
    precision: str | None = None  # date only: "day" | "month" | "year"
    relative: bool = False  # date only: resolved from a relative expression against the reference date


# --- numbers -------------------------------------------------------------------------------------

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_WORD_NUMBER = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?"
                r"|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
                r"|fifteen|sixteen|seventeen|eighteen|nineteen)")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = rf"(?:{_DIGITS}|(?i:{_WORD_NUMBER}))"


def _number_value(text: str) -> float:
    t = text.strip().lower().replace(",", "")
    try:
        return float(t)
    except ValueError:
        pass
    parts = re.split(r"[-\s]+", t)
    total = 0
    for p in parts:
        total += _TENS.get(p, 0) + _UNITS.get(p, 0)
    return float(total)


_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
           "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
_SCALE = r"(?:\s?(?i:thousand|million|billion|trillion|mln|mn|bn|tn)|(?:k|m|M|bn|b|B|tn)(?![\w]))"

# --- money ---------------------------------------------------------------------------------------

_SYMBOLS = {"€": "EUR", "$": "USD", "US$": "USD", "£": "GBP", "¥": "JPY", "CHF": "CHF"}
_CODES = "EUR|USD|GBP|CHF|JPY|CNY|SEK|NOK|DKK|CAD|AUD|INR"
_CURRENCY_WORDS = {"euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD",
                   "us dollars": "USD", "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP",
                   "swiss francs": "CHF", "yen": "JPY", "kronor": "SEK", "kroner": "DKK"}

_MONEY_PREFIX = re.compile(
    rf"(?P<cur>US\$|[€$£¥]|\b(?:{_CODES})\b\s?)(?P<num>{_DIGITS})(?P<scale>{_SCALE})?")
_MONEY_SUFFIX = re.compile(
    rf"\b(?P<num>{_NUMBER})(?P<scale>{_SCALE})?\s(?P<cur>(?i:us dollars|pounds sterling|swiss francs|euros?|dollars?|pounds?|yen|kronor|kroner)|(?:{_CODES}))\b")


def _scale_value(scale: str | None) -> float:
    if not scale:
        return 1.0
    s = scale.strip()
    return _SCALES.get(s.lower(), 1.0)


def _money(text: str) -> list[Figure]:
    found = []
    for m in _MONEY_PREFIX.finditer(text):
        cur = m.group("cur").strip()
        code = _SYMBOLS.get(cur, cur)
        value = _number_value(m.group("num")) * _scale_value(m.group("scale"))
        found.append(Figure("money", m.group(0), m.start(), m.end(), value, code))
    for m in _MONEY_SUFFIX.finditer(text):
        if m.group("scale") is None and not re.fullmatch(_DIGITS, m.group("num")):
            # "one dollar" is an amount, "two pounds" too; keep only with a scale or digits to
            # avoid reading "a pound" of something; word numbers need a scale ("twenty-one million dollars").
            continue
        cur = m.group("cur")
        code = _CURRENCY_WORDS.get(cur.lower(), cur.upper())
        value = _number_value(m.group("num")) * _scale_value(m.group("scale"))
        found.append(Figure("money", m.group(0), m.start(), m.end(), value, code))
    return found


# --- percent -------------------------------------------------------------------------------------

_PERCENT = re.compile(rf"(?<![\w.])(?P<num>{_NUMBER})(?:\s?%|\s(?:per\s?cent|percent)\b)")


def _percent(text: str) -> list[Figure]:
    return [Figure("percent", m.group(0), m.start(), m.end(), _number_value(m.group("num")), None)
            for m in _PERCENT.finditer(text)]


# --- dates ---------------------------------------------------------------------------------------

_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"

_DAY_MONTH_YEAR = re.compile(rf"\b(?:{_WEEKDAY},?\s)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s(?P<m>{_MONTH})\s(?P<y>{_YEAR})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b(?:{_WEEKDAY},?\s)?(?P<m>{_MONTH})\s(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s(?P<y>{_YEAR})\b")
_ISO = re.compile(rf"(?<![\w/-])(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\w/-])")
_MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\s(?:of\s)?(?P<y>{_YEAR})\b")
# A bare year; not part of a case number ("M/2025/017"), a longer number, or a law-report
# citation ("(2019) 3 CMLR 45").
_BARE_YEAR = re.compile(rf"(?<![\w/.,-])(?P<y>{_YEAR})(?![\w/-]|,\d|\.\d|\)\s\d)")

_RELATIVE = re.compile(
    r"\b(?P<expr>yesterday|today|tomorrow"
    r"|(?:the\s)?(?:next|following|previous)\s(?:day|week|month|year)|the\sday\s(?:after|before)(?=\W)"
    r"|(?:last|this|next)\s(?:week|month|year)"
    rf"|(?P<n>{_NUMBER})\s(?P<unit>days?|weeks?|months?|years?)\s(?P<dir>ago|later|earlier)"
    rf"|(?:(?P<wmod>last|next|on|this)\s)?(?P<wd>{_WEEKDAY})(?!\s[0-3]?\d)"
    rf"|(?P<mprep>in|since|until|by|from|during|early|late|mid|mid-|before|after|of|as|last|next|this)\s(?P<m>{_MONTH})(?!\s(?:[0-3]?\d|{_YEAR}|of\s{_YEAR}))"
    rf"|(?P<m2>{_MONTH})\s(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?![\d,]|\s{_YEAR}|,\s{_YEAR})"
    r")\b",
    re.IGNORECASE)


def _iso_day(d: datetime.date) -> str:
    return d.isoformat()


def _valid_day(y: int, m: int, d: int) -> datetime.date | None:
    try:
        return datetime.date(y, m, d)
    except ValueError:
        return None


def _absolute_dates(text: str) -> list[Figure]:
    found: list[Figure] = []
    for rx in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for m in rx.finditer(text):
            day = _valid_day(int(m.group("y")), _MONTHS[m.group("m").lower().rstrip(".")], int(m.group("d")))
            if day:
                found.append(Figure("date", m.group(0), m.start(), m.end(), _iso_day(day), None, "day"))
    for m in _ISO.finditer(text):
        day = _valid_day(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if day:
            found.append(Figure("date", m.group(0), m.start(), m.end(), _iso_day(day), None, "day"))
    for m in _MONTH_YEAR.finditer(text):
        month = _MONTHS[m.group("m").lower().rstrip(".")]
        found.append(Figure("date", m.group(0), m.start(), m.end(), f"{m.group('y')}-{month:02d}", None, "month"))
    for m in _BARE_YEAR.finditer(text):
        found.append(Figure("date", m.group(0), m.start(), m.end(), m.group("y"), None, "year"))
    return found


def _month_start(d: datetime.date, delta_months: int) -> datetime.date:
    index = d.year * 12 + d.month - 1 + delta_months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _resolve(m: re.Match, reference: datetime.date, anchor: datetime.date) -> tuple[str, str] | None:
    """(ISO value, precision) of one relative expression; None when it names no point in time."""
    expr = m.group("expr").lower()
    expr = re.sub(r"\s+", " ", expr)
    if expr == "yesterday":
        return _iso_day(reference - datetime.timedelta(days=1)), "day"
    if expr == "today":
        return _iso_day(reference), "day"
    if expr == "tomorrow":
        return _iso_day(reference + datetime.timedelta(days=1)), "day"
    if expr in ("the next day", "the following day", "next day", "following day", "the day after"):
        return _iso_day(anchor + datetime.timedelta(days=1)), "day"
    if expr in ("the previous day", "previous day", "the day before"):
        return _iso_day(anchor - datetime.timedelta(days=1)), "day"
    if m.group("unit"):
        n = int(_number_value(m.group("n")))
        unit = m.group("unit").lower().rstrip("s")
        sign = -1 if m.group("dir").lower() in ("ago", "earlier") else 1
        base = reference if m.group("dir").lower() == "ago" else anchor
        if unit == "day":
            return _iso_day(base + datetime.timedelta(days=sign * n)), "day"
        if unit == "week":
            return _iso_day(base + datetime.timedelta(weeks=sign * n)), "day"
        if unit == "month":
            return _month_start(base, sign * n).strftime("%Y-%m"), "month"
        return str(base.year + sign * n), "year"
    words = expr.split()
    if len(words) == 2 and words[1] in ("week", "month", "year") and words[0] in ("last", "this", "next",
                                                                                  "the"):
        step = {"last": -1, "this": 0, "next": 1, "the": 1}[words[0]]
        if words[1] == "week":
            # A week is reported at month precision (the API has no week): the month of its Monday.
            monday = reference - datetime.timedelta(days=reference.weekday()) + datetime.timedelta(weeks=step)
            return monday.strftime("%Y-%m"), "month"
        if words[1] == "month":
            return _month_start(reference, step).strftime("%Y-%m"), "month"
        return str(reference.year + step), "year"
    if m.group("wd"):
        target = _WEEKDAYS.index(m.group("wd").lower())
        mod = (m.group("wmod") or "").lower()
        back = (reference.weekday() - target) % 7
        if mod == "next":
            ahead = (target - reference.weekday()) % 7 or 7
            return _iso_day(reference + datetime.timedelta(days=ahead)), "day"
        if mod == "last":  # "last Wednesday": the Wednesday of the previous calendar week
            monday = reference - datetime.timedelta(days=reference.weekday())
            return _iso_day(monday - datetime.timedelta(days=7 - target)), "day"
        return _iso_day(reference - datetime.timedelta(days=back)), "day"
    if m.group("m"):
        month = _MONTHS[m.group("m").lower().rstrip(".")]
        prep = m.group("mprep").lower()
        year = reference.year
        if prep == "last" and month >= reference.month:
            year -= 1
        if prep == "next" and month <= reference.month:
            year += 1
        return f"{year}-{month:02d}", "month"
    if m.group("m2"):
        day = _valid_day(reference.year, _MONTHS[m.group("m2").lower().rstrip(".")], int(m.group("d2")))
        return (_iso_day(day), "day") if day else None
    return None


def _relative_dates(text: str, reference: datetime.date, absolute: list[Figure]) -> list[Figure]:
    """Relative expressions resolved against the reference date; "the next day" and "two weeks
    later" count from the last day-precise date written before them (else the reference)."""
    days = sorted((f.start, datetime.date.fromisoformat(f.value)) for f in absolute if f.precision == "day")
    found = []
    for m in _RELATIVE.finditer(text):
        if m.group("m") and m.group("m").lower() == "may" and m.group("mprep").lower() in ("of", "by"):
            continue  # "by May" is fine in theory, but "of may"/"by may" read modal verbs too often
        if m.group("wd") is None and m.group("m") is None and m.group("m2") is None and not m.group("expr"):
            continue
        earlier = [d for start, d in days if start < m.start()]
        anchor = earlier[-1] if earlier else reference
        resolved = _resolve(m, reference, anchor)
        if resolved:
            value, precision = resolved
            start = m.start()
            text_written = m.group(0)
            if m.group("m") and m.group("mprep").lower() in ("in", "since", "until", "by", "from", "during",
                                                              "before", "after", "of", "as"):
                start = m.start("m")  # "in March": the date is "March"
                text_written = text[start:m.end()]
            if m.group("wd") and (m.group("wmod") or "").lower() == "on":
                start = m.start("wd")  # "on Tuesday": the date is "Tuesday"
                text_written = text[start:m.end()]
            found.append(Figure("date", text_written, start, m.end(), value, None, precision, True))
    return found


# --- counts --------------------------------------------------------------------------------------

_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "time",
               "quarter", "per", "percent"}
_NOT_NOUNS = {"is", "was", "has", "its", "this", "us", "as", "his", "hers", "yes", "thus", "plus", "less",
              "does", "across", "always", "perhaps", "ours", "theirs", "whereas", "unless", "was", "towards"}
_COUNT = re.compile(
    rf"(?<![\w.,/-])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+|(?i:{_WORD_NUMBER}))(?![\w.,/%-]\d?)"
    r"\s(?:(?P<mod>[a-z][a-z-]+)\s)?(?P<noun>[a-z][a-z-]*[a-z]s)\b")


def _singular(noun: str) -> str:
    if noun.endswith("ies") and len(noun) > 4:
        return noun[:-3] + "y"
    if noun.endswith(("sses", "ches", "shes", "xes")):
        return noun[:-2]
    if noun.endswith("s") and not noun.endswith("ss"):
        return noun[:-1]
    return noun


def _counts(text: str) -> list[Figure]:
    found = []
    for m in _COUNT.finditer(text):
        num = m.group("num")
        value = _number_value(num)
        if re.fullmatch(r"\d+", num) and len(num) == 4 and 1800 <= value <= 2100:
            continue  # a year, not a count
        if not re.fullmatch(r"[\d,]+", num) and value > 20:
            continue
        noun = m.group("noun")
        mod = m.group("mod")
        if mod and (mod in _NOT_NOUNS or mod in ("of", "in", "on", "at", "to", "for", "and", "or", "the",
                                                 "a", "an", "by", "from", "with")):
            continue
        if _singular(noun) in _TIME_UNITS or noun in _NOT_NOUNS or (mod and _singular(mod) in _TIME_UNITS):
            continue
        if text[max(0, m.start() - 5):m.start()].lower().endswith(("page ", "p. ", "no. ", "para ")):
            continue
        unit = f"{mod} {_singular(noun)}" if mod else _singular(noun)
        found.append(Figure("count", m.group(0), m.start(), m.end(), value, unit))
    return found


# --- public face ---------------------------------------------------------------------------------

_PRIORITY = {"money": 0, "percent": 1, "date": 2, "count": 3}


def find_figures(text: str, reference_date: datetime.date | None = None) -> list[Figure]:
    """Every figure in `text`, in order, never two overlapping (money beats percent beats date
    beats count; then the longer span). Relative dates only when `reference_date` is given."""
    absolute = _absolute_dates(text)
    candidates = _money(text) + _percent(text) + absolute + _counts(text)
    if reference_date is not None:
        candidates += _relative_dates(text, reference_date, absolute)
    candidates.sort(key=lambda f: (_PRIORITY[f.kind], -(f.end - f.start), f.start))
    kept: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for f in candidates:
        if any(f.start < e and s < f.end for s, e in taken):
            continue
        kept.append(f)
        taken.append((f.start, f.end))
    return sorted(kept, key=lambda f: f.start)


def _date_prefix(value: str, precision: str) -> str:
    return value[: {"year": 4, "month": 7, "day": 10}.get(precision, 10)]


_RANK = {"year": 0, "month": 1, "day": 2}


def same_figure(a: Figure, b: Figure) -> bool:
    """Same kind and the same value once normalised (see the module docstring)."""
    if a.kind != b.kind:
        return False
    if a.kind == "money":
        if a.unit != b.unit:
            return False
        big = max(abs(float(a.value)), abs(float(b.value)))
        return big == 0 or abs(float(a.value) - float(b.value)) <= 0.005 * big
    if a.kind == "percent":
        return abs(float(a.value) - float(b.value)) <= 0.05 + 1e-9
    if a.kind == "count":
        return float(a.value) == float(b.value) and a.unit == b.unit
    coarser = min(a.precision or "day", b.precision or "day", key=lambda p: _RANK.get(p, 2))
    return _date_prefix(str(a.value), coarser) == _date_prefix(str(b.value), coarser)


def _plain_number(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".") if x != int(x) else f"{int(x):,}"


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "sh", "ch", "x")):
        return noun + "es"
    return noun + "s"


def describe(f: Figure) -> str:
    """The figure normalised, for people: "EUR 15 million", "12.5%", "312 employees", "12 June 2025"."""
    if f.kind == "money":
        v = float(f.value)
        for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if abs(v) >= size:
                return f"{f.unit} {_plain_number(round(v / size, 3))} {word}"
        return f"{f.unit} {_plain_number(v)}"
    if f.kind == "percent":
        return f"{_plain_number(float(f.value))}%"
    if f.kind == "count":
        n = float(f.value)
        noun = f.unit or ""
        return f"{_plain_number(n)} {noun if n == 1 else _plural(noun)}".strip()
    value = str(f.value)
    if f.precision == "year" or len(value) == 4:
        return value
    if f.precision == "month" or len(value) == 7:
        return datetime.date.fromisoformat(value + "-01").strftime("%B %Y")
    d = datetime.date.fromisoformat(value)
    return f"{d.day} {d.strftime('%B %Y')}"
