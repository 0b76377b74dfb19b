"""The investment timeline: load and validate corpus/timeline.csv, filter it, shape chart data.

Pure: no streamlit, no torch. Every validation error is a CorpusError naming the file and the
line ("line N") of the bad row. Amounts are never converted here: a USD figure is shown only
where a source reported one (`usd_equivalent`); everything else stays in its reported currency.
"""

import csv
import io
import re
from datetime import date
from pathlib import Path

import pandas as pd

from explorer.dates import PRECISIONS, precision_of  # noqa: F401  (precision_of: re-exported)
from explorer.errors import CorpusError

TYPES = ("founding", "funding round", "investment", "partnership", "product launch", "regulatory", "policy",
         "political reaction")
CURRENCIES = ("EUR", "USD")
# The fact base's status rule: "disputed" when the note records that sources disagree, "unconfirmed" when
# a fact rests on a single secondary source or on our own inference, "confirmed" only where sources agree.
# "reported" was retired by that rule (its rows became "unconfirmed"); see corpus/README.md.
STATUSES = ("confirmed", "disputed", "unconfirmed")
CURRENCY_VIEWS = ("reported", "usd")  # as reported, or USD where a source reported it
COLUMNS = ("id", "date", "date_precision", "end_date", "type", "actor", "counterparty", "title", "amount",
           "currency", "amount_as_reported", "usd_equivalent", "usd_equivalent_source", "valuation",
           "valuation_currency", "valuation_as_reported", "description", "source_urls", "source_notes", "note",
           "status")
REQUIRED = ("id", "date", "date_precision", "type", "actor", "title", "description", "source_urls", "status")
SOURCE_SEPARATOR = " ; "

def period(text: str, precision: str) -> tuple[date, date]:
    """First and last day covered by a date written at the given precision; ValueError if bad.
    The days come from the project's one date grammar (explorer.dates.day_range)."""
    from explorer.dates import FORM_LABELS, PRECISION_FORMS, day_range

    if precision not in PRECISION_FORMS or not PRECISION_FORMS[precision].fullmatch(text or ""):
        raise ValueError(f"expected {FORM_LABELS.get(precision, 'a date')} for precision {precision!r}")
    try:
        return day_range(text, precision)
    except ValueError:
        raise ValueError("the month must be 01 to 12" if precision == "month" else f"{text} is not a real day") from None


def sources(field: str) -> list[str]:
    return [s.strip() for s in (field or "").split(SOURCE_SEPARATOR.strip()) if s.strip()]


_SOURCE_NOTE = re.compile(r"^(https?://\S+): (\S.*)$")


def source_notes(field: str) -> list[tuple[str, str]]:
    """(url, what it backs) pairs from `URL: what it backs ; URL: what it backs`; ValueError if malformed.

    Entries are split on " ; " exactly (spaces included), so a note may itself contain "; "."""
    notes = []
    for entry in (e.strip() for e in (field or "").split(SOURCE_SEPARATOR)):
        if not entry:
            continue
        match = _SOURCE_NOTE.match(entry)
        if not match:
            raise ValueError(f"expected 'URL: what it backs', got {entry[:60]!r}")
        notes.append((match.group(1), match.group(2).strip()))
    return notes


def _number(value: str, column: str, path, where: str) -> float | None:
    if not value.strip():
        return None
    try:
        number = float(value)
    except ValueError:
        raise CorpusError(path, where, f"{column} must be a number, got {value!r}") from None
    if number <= 0:
        raise CorpusError(path, where, f"{column} must be positive, got {value!r}")
    return number


def _validate(row: dict, path, where: str, seen: set) -> dict:
    for column in REQUIRED:
        if not (row.get(column) or "").strip():
            if column == "source_urls":
                raise CorpusError(path, where, "missing source: source_urls is empty (every event needs a source URL)")
            raise CorpusError(path, where, f"missing {column}")
    if row["id"] in seen:
        raise CorpusError(path, where, f"duplicate id {row['id']!r}")
    if row["date_precision"] not in PRECISIONS:
        raise CorpusError(path, where, f"unknown date_precision {row['date_precision']!r} (allowed: {', '.join(PRECISIONS)})")
    try:
        start, end = period(row["date"], row["date_precision"])
    except ValueError as error:
        raise CorpusError(path, where, f"bad date {row['date']!r}: {error}") from None
    if row.get("end_date"):
        end_precision = precision_of(row["end_date"])
        try:
            end = period(row["end_date"], end_precision or "day")[1]
        except ValueError as error:
            raise CorpusError(path, where, f"bad end_date {row['end_date']!r}: {error}") from None
        if end < start:
            raise CorpusError(path, where, f"end_date {row['end_date']} is before date {row['date']}")
    if row["type"] not in TYPES:
        raise CorpusError(path, where, f"unknown type {row['type']!r} (allowed: {', '.join(TYPES)})")
    if row["status"] not in STATUSES:
        retired = " ('reported' was retired: see corpus/README.md)" if row["status"] == "reported" else ""
        raise CorpusError(path, where, f"unknown status {row['status']!r} (allowed: {', '.join(STATUSES)}){retired}")
    urls = sources(row["source_urls"])
    bad = [u for u in urls if not u.startswith(("http://", "https://"))]
    if not urls or bad:
        raise CorpusError(path, where, f"missing source: {bad[0]!r} is not a URL" if bad else "missing source")
    _check_source_notes(row.get("source_notes") or "", urls, path, where)
    record = dict(row)
    for column, unit in (("amount", "currency"), ("valuation", "valuation_currency")):
        record[column] = _number(row.get(column) or "", column, path, where)
        if record[column] is not None and row.get(unit) not in CURRENCIES:
            raise CorpusError(path, where, f"{unit} must be one of {', '.join(CURRENCIES)} when {column} is given")
    record["usd_equivalent"] = _number(row.get("usd_equivalent") or "", "usd_equivalent", path, where)
    if record["usd_equivalent"] is not None and not (row.get("usd_equivalent_source") or "").strip():
        raise CorpusError(path, where, "usd_equivalent needs usd_equivalent_source (who reported that figure)")
    record.update(period_start=pd.Timestamp(start), period_end=pd.Timestamp(end), line=int(where.split()[-1]))
    return record


def _check_source_notes(field: str, urls: list[str], path, where: str) -> None:
    """Every URL named in source_notes is one of the row's source_urls, named once; several URLs need a note each."""
    try:
        notes = source_notes(field)
    except ValueError as error:
        raise CorpusError(path, where, f"bad source_notes: {error}") from None
    named = [url for url, _ in notes]
    for url in named:
        if url not in urls:
            raise CorpusError(path, where, f"source_notes names {url!r}, which is not one of the row's source_urls")
    if len(set(named)) != len(named):
        raise CorpusError(path, where, "source_notes names the same URL twice")
    unexplained = [u for u in urls if u not in named]
    if len(urls) > 1 and unexplained:
        raise CorpusError(path, where, f"source_notes must say what each of the {len(urls)} source URLs backs; "
                                       f"missing: {unexplained[0]!r}")


def load_timeline(path: Path | str) -> pd.DataFrame:
    """All events, validated, sorted by date; raises CorpusError naming file and line.

    The path comes from the caller's Config (`config.timeline_path`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CorpusError(path, "", f"cannot read the timeline ({error.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise CorpusError(path, f"line {line}", "not UTF-8 text (save the file as UTF-8)") from None
    records, seen = [], set()
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CorpusError(path, "line 1", f"missing columns: {', '.join(missing)}")
        line = reader.line_num  # the header's last line
        for row in reader:
            where = f"line {line + 1}"
            line = reader.line_num
            row = {k: (v or "").strip() for k, v in row.items() if k is not None}
            records.append(_validate(row, path, where, seen))
            seen.add(row["id"])
    except csv.Error as error:
        raise CorpusError(path, f"line {reader.line_num}", f"not valid CSV ({error})") from None
    if not records:
        raise CorpusError(path, "", "the timeline has no events")
    frame = pd.DataFrame(records, columns=[*COLUMNS, "period_start", "period_end", "line"])
    return frame.sort_values(["period_start", "line"], kind="stable").reset_index(drop=True)


# --- filters ----------------------------------------------------------------------------------

def filter_events(events: pd.DataFrame, start: date | None = None, end: date | None = None,
                  types=(), statuses=()) -> pd.DataFrame:
    """Events whose period overlaps [start, end] (either bound optional), whose type is in types
    and whose review state (the `review` column) is in statuses (empty = all)."""
    mask = pd.Series(True, index=events.index)
    if statuses:
        mask &= events["review"].isin(list(statuses))
    if start is not None:
        mask &= events["period_end"] >= pd.Timestamp(start)
    if end is not None:
        mask &= events["period_start"] <= pd.Timestamp(end)
    if types:
        mask &= events["type"].isin(list(types))
    return events[mask]


def date_bounds(events: pd.DataFrame) -> tuple[date, date]:
    """First and last day of the years the timeline covers (the limits of the date filters)."""
    return date(events["period_start"].min().year, 1, 1), date(events["period_end"].max().year, 12, 31)


# --- chart data -------------------------------------------------------------------------------

def in_view(rows: pd.DataFrame, currency_view: str, value: str = "amount", unit: str = "currency"
            ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(shown, omitted): rows with a `shown_value` and `shown_currency` for the currency view.

    "reported": each row in its own currency. "usd": only rows a source reported in USD (the
    reported USD amount, or `usd_equivalent` for amounts); the others are omitted, never converted.
    """
    rows = rows[rows[value].notna()].copy()
    if currency_view == "usd":
        if value == "amount":
            usd = rows["usd_equivalent"].where(rows["usd_equivalent"].notna(),
                                               rows["amount"].where(rows["currency"] == "USD"))
        else:
            usd = rows[value].where(rows[unit] == "USD")
        rows["shown_value"], rows["shown_currency"] = usd, "USD"
    else:
        rows["shown_value"], rows["shown_currency"] = rows[value], rows[unit]
    return rows[rows["shown_value"].notna()], rows[rows["shown_value"].isna()]


def funding_rounds(events: pd.DataFrame) -> pd.DataFrame:
    return events[events["type"] == "funding round"]


def select(events: pd.DataFrame, rule: dict | None) -> pd.DataFrame:
    """The rows a chart of a story's timeline draws, by a rule from its story.json: `type`,
    `actor_starts`, `counterparty`, `with_amount` (true: only rows with an amount) and `exclude`
    (ids kept in the timeline but not drawn, such as a total that overlaps other rows). No rule: none."""
    if not rule:
        return events.iloc[0:0]
    mask = pd.Series(True, index=events.index)
    if rule.get("type"):
        mask &= events["type"] == rule["type"]
    if rule.get("actor_starts"):
        mask &= events["actor"].fillna("").str.startswith(rule["actor_starts"])
    if rule.get("counterparty"):
        mask &= events["counterparty"].fillna("") == rule["counterparty"]
    if rule.get("with_amount"):
        mask &= events["amount"].notna()
    if rule.get("exclude"):
        mask &= ~events["id"].isin(list(rule["exclude"]))
    return events[mask]


TABLE_COLUMNS = ("id", "date", "date_precision", "end_date", "type", "actor", "counterparty", "title", "description",
                 "amount_as_reported", "amount", "currency", "usd_equivalent", "usd_equivalent_source",
                 "valuation_as_reported", "valuation", "valuation_currency", "status", "note", "source_urls",
                 "source_notes")


def table(rows: pd.DataFrame, extra=()) -> pd.DataFrame:
    """The rows behind a view, in the corpus's own columns (plus any plotted columns), for display and CSV."""
    head = TABLE_COLUMNS.index("description") + 1
    columns = [*TABLE_COLUMNS[:head], *[c for c in extra if c in rows], *TABLE_COLUMNS[head:]]
    return rows[[c for c in columns if c in rows]].reset_index(drop=True)


def status_counts(events: pd.DataFrame) -> dict[str, int]:
    """How many events have each status, every status in STATUSES order (0 when none)."""
    counts = events["status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}


def domains(urls) -> list[str]:
    """Distinct web domains of source URLs, in order (for source notes)."""
    from explorer.story.urls import domain

    return list(dict.fromkeys(domain(url) for url in urls))
