"""URL state of the timeline page: from, to (dates), type and status (lists or comma-separated),
event, currency. `status` is an event's review state: extracted (derived, not yet reviewed),
confirmed, corrected or added by hand (rejected events are not on the timeline: the counts and
the JSON list them apart)."""

from dataclasses import dataclass
from datetime import date

from explorer import dates

from explorer.links import first, notice, parse_choice, parse_date
from explorer.story.timeline import CURRENCY_VIEWS, TYPES

DEFAULT_CURRENCY = "reported"
REVIEW_STATES = ("extracted", "confirmed", "corrected", "added")  # the `status` filter's values, in display order

MAX_YEAR_PRESETS = 8  # a timeline spanning more years gets no one-click year periods


def presets(spec: dict | None, low: date, high: date) -> dict[str, tuple[date, date]]:
    """The one-click periods (label -> (from, to)) a timeline offers: those its story.json names
    under "periods" ({"label": ["YYYY-MM-DD", "YYYY-MM-DD"]}), else one per year it spans."""
    named = {}
    for label, bounds in ((spec or {}).get("periods") or {}).items():
        try:
            first, last = dates.limit(bounds[0]), dates.limit(bounds[1], end=True)
        except (TypeError, IndexError):
            continue  # a malformed period is not offered
        if first is None or last is None:
            continue
        named[str(label)] = (first, last)
    if named:
        return named
    years = range(low.year, high.year + 1)
    if len(years) > MAX_YEAR_PRESETS:
        return {}
    return {str(y): (date(y, 1, 1), date(y, 12, 31)) for y in years}


@dataclass(frozen=True)
class TimelineState:
    start: date | None = None  # URL "from"; None = no lower limit
    end: date | None = None  # URL "to"; None = no upper limit
    types: tuple[str, ...] = ()  # () = every type
    event: str = ""  # the chosen event's id
    currency: str = DEFAULT_CURRENCY
    statuses: tuple[str, ...] = ()  # URL "status"; () = every review state

    def to_params(self) -> dict:
        """Only what differs from the defaults, so links stay short and readable."""
        params = {"from": self.start.isoformat() if self.start else "",
                  "to": self.end.isoformat() if self.end else "",
                  "type": ",".join(self.types), "status": ",".join(self.statuses), "event": self.event,
                  "currency": self.currency if self.currency != DEFAULT_CURRENCY else ""}
        return {k: v for k, v in params.items() if v}


def preset_of(state: "TimelineState", periods: dict) -> str | None:
    """The preset whose period the state shows, if any."""
    return next((label for label, period in periods.items() if period == (state.start, state.end)), None)


def period_label(state: "TimelineState", low: date, high: date) -> str:
    """What a chart title says about the period shown: the filter, or the timeline's own years."""
    if state.start is None and state.end is None:
        return f"{low.year}-{high.year}"
    return f"{(state.start or low).isoformat()} to {(state.end or high).isoformat()}"


def _values(params, name: str) -> list[str]:
    """Every value of a parameter given once, repeated, or comma-separated."""
    raw = params.get(name) if hasattr(params, "get") else None
    raw = raw if isinstance(raw, (list, tuple)) else [raw] if raw is not None else []
    return [part.strip() for value in raw for part in str(value).split(",") if part.strip()]


def parse_timeline(params, types=TYPES, event_ids=None, low: date | None = None,
                   high: date | None = None) -> tuple[TimelineState, list[str]]:
    """State from query parameters; every value that had to be replaced yields a notice.

    event_ids: the known event ids (None accepts any); low/high: the allowed date range.
    """
    notices = []
    start, n1 = parse_date(params, "from", None, low, high)
    end, n2 = parse_date(params, "to", None, low, high, end_of_month=True)
    currency, n3 = parse_choice(params, "currency", CURRENCY_VIEWS, DEFAULT_CURRENCY, "amounts as reported")
    notices += [n for n in (n1, n2, n3) if n]
    if start and end and end < start:
        notices.append(notice("to", end.isoformat(), f"it must not be before from={start.isoformat()}", "no upper limit"))
        end = None
    chosen, n4 = _list(params, "type", types, "every type")
    statuses, n5 = _list(params, "status", REVIEW_STATES, "every status")
    notices += [n for n in (n4, n5) if n]
    event = first(params, "event") or ""
    if event and event_ids is not None and event not in event_ids:
        notices.append(notice("event", event, "no event has that id", "no chosen event"))
        event = ""
    return (TimelineState(start=start, end=end, types=chosen, event=str(event), currency=currency, statuses=statuses),
            notices)


def _list(params, name: str, allowed, everything: str) -> tuple[tuple[str, ...], str | None]:
    """The allowed values a list parameter names, in canonical order, and a notice for the others."""
    wanted = _values(params, name)
    unknown = [v for v in wanted if v not in allowed]
    chosen = tuple(v for v in allowed if v in wanted)
    if not unknown:
        return chosen, None
    return chosen, notice(name, ",".join(unknown), "allowed values are " + ", ".join(allowed),
                          ", ".join(chosen) if chosen else everything)
