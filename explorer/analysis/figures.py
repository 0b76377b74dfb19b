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
    precision: str | None = None  # date only: one of explorer.dates.PRECISIONS
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
# Dates are read by the project's one date grammar (explorer.dates), years written alone included;
# a date relative to the one before ("the next day", "two days earlier") counts from the last
# day-precise date written before it in the text, else from the reference date.


def _dates(text: str, reference: datetime.date | None) -> list[Figure]:
    from explorer.dates import find_dates

    mentions = find_dates(text, reference, bare_years=True)
    days = [(m.start, datetime.date.fromisoformat(m.value)) for m in mentions if m.precision == "day" and m.value]
    found = []
    for m in mentions:
        value, precision = m.value, m.precision
        if m.anchor == "previous":
            earlier = [d for start, d in days if start < m.start]
            base = earlier[-1] if earlier else reference
            if base is None or not m.offset_days:
                continue
            value, precision = (base + datetime.timedelta(days=m.offset_days)).isoformat(), "day"
        if value is None:
            continue  # relative to a date the text does not give
        found.append(Figure("date", m.text, m.start, m.end, value, None, precision, m.relative))
    return found


# --- counts --------------------------------------------------------------------------------------

_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "time",
               "quarter", "per", "percent"}
_NOT_NOUNS = {"is", "was", "has", "its", "this", "us", "as", "his", "hers", "yes", "thus", "plus", "less",
              "does", "across", "always", "perhaps", "ours", "theirs", "whereas", "unless", "was", "towards"}
_COUNT = re.compile(
    rf"(?<![\w.,/-])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+|(?i:{_WORD_NUMBER}))(?![\w.,/%-]\d?)"
    r"\s(?:(?P<mod>[a-z][a-z-]+)\s)?(?P<noun>[a-z][a-z-]*[a-z]s|people|children|men|women|staff)\b")
_IRREGULAR = {"people": "person", "children": "child", "men": "man", "women": "woman", "staff": "staff"}


def _singular(noun: str) -> str:
    if noun in _IRREGULAR:
        return _IRREGULAR[noun]
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
    candidates = _money(text) + _percent(text) + _dates(text, reference_date) + _counts(text)
    candidates.sort(key=lambda f: (_PRIORITY[f.kind], -(f.end - f.start), f.start))
    kept: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for f in candidates:
        if any(f.start < e and s < f.end for s, e in taken):
            continue
        kept.append(f)
        taken.append((f.start, f.end))
    return sorted(kept, key=lambda f: f.start)


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
    from explorer.dates import compatible

    return compatible(str(a.value), str(b.value))  # one covers the other: "June 2025" and "11 June 2025"


def _plain_number(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".") if x != int(x) else f"{int(x):,}"


def _plural(noun: str) -> str:
    irregular = {v: k for k, v in _IRREGULAR.items()}
    if noun.split()[-1] in irregular:
        return " ".join(noun.split()[:-1] + [irregular[noun.split()[-1]]])
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
    from explorer.dates import label

    return label(str(f.value), f.precision)
