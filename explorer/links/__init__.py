"""URL state: each page's view is a pure function of its query parameters.

One sub-module per page parses its parameters into a frozen state (with defaults, clamping
and a notice for every value it had to replace) and formats a state back into parameters.
`parse(format(state)) == state` for every valid state; tests check the round trip.

The helpers here are shared by every page's parser: each returns (value, notice or None).
"""

import calendar
import re
from datetime import date
from urllib.parse import urlencode

# The app's pages by URL path ("" is home). Links are built only through page_url.
PAGES = ("", "search", "principles", "timeline", "claims", "add", "about")
# Parameters that take a list (comma-separated or repeated): repeating them is not a mistake.
LIST_PARAMS = ("kind", "type")
ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")


def notice(param: str, value, allowed: str, fallback) -> str:
    """The one shape of a bad-parameter message: names the parameter, what is allowed, what we did."""
    return f"Ignored {param}={_shown(value)}: {allowed}. Showing {fallback} instead."


def repeated(params, lists=LIST_PARAMS) -> list[str]:
    """A notice for each parameter the URL gives more than once (except list parameters): the
    first value is the one used, on every page."""
    notices = []
    for name, value in params.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        if len(values) > 1 and name not in lists:
            notices.append(f"The link repeats {name} {len(values)} times; only the first, {name}={_shown(values[0])}, "
                           f"is used.")
    return notices


def _shown(value) -> str:
    shown = str(value)
    return repr(shown if len(shown) <= 40 else shown[:40] + "…")


def first(params, name: str):
    """A parameter's value; a repeated parameter keeps its first value (the one rule on every
    page; `repeated` says so in a notice)."""
    value = params.get(name) if hasattr(params, "get") else None
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return value


def parse_choice(params, name: str, choices, default, default_label: str | None = None):
    value = first(params, name)
    if value is None or value == "":
        return default, None
    if value in choices:
        return value, None
    return default, notice(name, value, "allowed values are " + ", ".join(map(str, choices)), default_label or default)


def parse_int(params, name: str, low: int, high: int, default: int | None, default_label: str | None = None):
    value = first(params, name)
    if value is None or value == "":
        return default, None
    try:
        number = int(str(value).strip())
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        return default, notice(name, value, f"it must be a whole number from {low} to {high}",
                               default_label or default)
    return number, None


def parse_text(params, name: str, max_chars: int, default: str = ""):
    value = first(params, name)
    if value is None:
        return default, None
    value = str(value)
    if len(value) > max_chars:
        return default, notice(name, value, f"it is {len(value):,} characters long, the limit is {max_chars:,}", "the default")
    return value, None


def iso_date(text: str, end_of_month: bool = False) -> date | None:
    """YYYY-MM-DD, or YYYY-MM (its first day, or its last with end_of_month); None for anything
    else. Python's date.fromisoformat also takes 20240226 and 2024-W09-1, which a link should not."""
    match = ISO_DATE.fullmatch(str(text).strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day is None:
            day = calendar.monthrange(year, month)[1] if end_of_month else 1
        return date(year, month, day)
    except (ValueError, calendar.IllegalMonthError):
        return None


def parse_date(params, name: str, default: date | None, low: date | None = None, high: date | None = None,
               end_of_month: bool = False):
    """A date parameter: YYYY-MM-DD or YYYY-MM (an upper limit, end_of_month, takes the month's
    last day); anything else is ignored with a notice."""
    value = first(params, name)
    if value is None or value == "":
        return default, None
    parsed = iso_date(value, end_of_month)
    if parsed is None:
        return default, notice(name, value, "it must be a date like 2024-02-26 (or a month like 2024-02)",
                               default or "no limit")
    if (low and parsed < low) or (high and parsed > high):
        return default, notice(name, value, f"it must fall between {low} and {high}", default or "no limit")
    return parsed, None


def page_url(base: str, page: str, params: dict, lead: str | None = None) -> str:
    """Absolute link to a page showing `params`; base is scheme://host[:port][/prefix].

    `lead` names a parameter to put first (a citation permalink leads with its passage).
    Passage ids stay readable (p=article:8)."""
    if page not in PAGES:
        raise ValueError(f"unknown page {page!r}")
    params = {k: v for k, v in params.items() if v not in (None, "", [], ())}
    if lead and lead in params:
        params = {lead: params.pop(lead), **params}
    query = urlencode(params, doseq=True, safe=":,")
    return f"{base.rstrip('/')}/{page}" + (f"?{query}" if query else "")


def view_of(passage, frameworks=()) -> tuple[str, dict]:
    """The page and parameters (for page_url) of the view that shows a passage in its own context:

    - an event: the timeline with the event chosen, ("timeline", {"event": <event id>});
    - a fact-check: the principles page's claims view, ("principles", {"view": "claims"});
    - a principle: the principles page with it opened, ("principles", {"principle": "6"});
    - an item of a framework named in `frameworks` (the principles page's framework ids): the
      framework comparison, ("principles", {"view": "frameworks", "framework": <doc id>});
    - anything else (the article, the tenets): the search page with it opened, ("search", {"p": id}).
    """
    kind, key = passage.kind, passage.id.split(":", 1)[-1]
    if kind == "event":
        return "timeline", {"event": key}
    if kind == "factcheck":
        return "principles", {"view": "claims"}
    if kind == "principle" and passage.principle is not None:
        return "principles", {"principle": str(passage.principle)}
    if kind == "framework" and passage.doc in frameworks:
        return "principles", {"view": "frameworks", "framework": passage.doc}
    return "search", {"p": passage.id}
