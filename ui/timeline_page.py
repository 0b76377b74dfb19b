"""The timeline page: a thin function of its URL state (from, to, type, event, currency).

Widgets show the URL state; changing one rewrites st.query_params, so the address always
reproduces the view. Nothing here loads the embedding model: that happens only in
ui.timeline_evidence, once an event is chosen.
"""

import dataclasses
from pathlib import Path

import streamlit as st

from explorer import timeline as tl
from explorer import timeline_charts as charts
from explorer.errors import ExplorerError
from explorer.links.timeline import TimelineState, parse_timeline
from ui.common import md_escape, show_notices
from ui.timeline_evidence import show_evidence

CURRENCY_LABELS = {"reported": "As reported (each in its own currency)", "usd": "USD where a source reported it"}
KEYS = {"from": "tl_from", "to": "tl_to", "type": "tl_type", "currency": "tl_currency", "event": "tl_event"}
MAX_DOMAINS = 12
CHART_KEYS = ("tl_chart_events", "tl_chart_funding", "tl_chart_scale")


@st.cache_data(show_spinner=False)
def _load(path: str, mtime: float):
    return tl.load_timeline(path)


def load_events():
    path = tl.default_path()
    try:
        return _load(str(path), Path(path).stat().st_mtime if Path(path).exists() else 0.0)
    except ExplorerError as error:
        st.error(str(error))
        st.stop()


def _url_params() -> dict:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _current_state() -> TimelineState:
    events = load_events()
    low, high = tl.date_bounds(events)
    return parse_timeline(_url_params(), event_ids=set(events["id"]), low=low, high=high)[0]


def _set_url(state: TimelineState) -> None:
    st.query_params.from_dict(state.to_params())


def _on_widget(param: str) -> None:
    """A filter widget changed: write its value into the URL, keep the other parameters."""
    value = st.session_state[KEYS[param]]
    state = _current_state()
    if param == "from":
        state = dataclasses.replace(state, start=value)
    elif param == "to":
        state = dataclasses.replace(state, end=value)
    elif param == "type":
        state = dataclasses.replace(state, types=tuple(t for t in tl.TYPES if t in (value or [])))
    elif param == "currency":
        state = dataclasses.replace(state, currency=value or "reported")
    elif param == "event":
        state = dataclasses.replace(state, event=value or "")
    _set_url(state)


def _on_point(key: str) -> None:
    """A point was clicked on a chart: its event id becomes the chosen event."""
    selection = st.session_state.get(key)
    points = (selection or {}).get("selection", {}).get("points", []) if selection else []
    ids = []
    for point in points:
        data = point.get("customdata")
        data = data[0] if isinstance(data, (list, tuple)) and data else data
        if isinstance(data, str):
            ids.append(data)
    if ids:
        _set_url(dataclasses.replace(_current_state(), event=ids[0]))


def _sync_widgets(state: TimelineState, low, high) -> None:
    """Widgets show the URL state (the URL is the one source of truth)."""
    st.session_state[KEYS["from"]] = state.start or low
    st.session_state[KEYS["to"]] = state.end or high
    st.session_state[KEYS["type"]] = list(state.types)
    st.session_state[KEYS["currency"]] = state.currency
    st.session_state[KEYS["event"]] = state.event


def _filters(low, high) -> None:
    c1, c2, c3 = st.columns([1, 1, 2.2])
    c1.date_input("From", min_value=low, max_value=high, key=KEYS["from"], on_change=_on_widget, args=("from",),
                  format="YYYY-MM-DD")
    c2.date_input("To", min_value=low, max_value=high, key=KEYS["to"], on_change=_on_widget, args=("to",),
                  format="YYYY-MM-DD")
    c3.multiselect("Event types", tl.TYPES, key=KEYS["type"], on_change=_on_widget, args=("type",),
                   placeholder="All types")
    st.radio("Currency", tl.CURRENCY_VIEWS, key=KEYS["currency"], format_func=CURRENCY_LABELS.get,
             on_change=_on_widget, args=("currency",), horizontal=True)


def _chart_footer(name: str, label: str, rows, note: str = "", extra=()) -> None:
    """Under every chart: source note, table view, CSV download of exactly the rows behind it."""
    urls = [u for field in rows["source_urls"] for u in tl.sources(field)] if len(rows) else []
    names = tl.domains(urls)
    listed = ", ".join(names[:MAX_DOMAINS]) + (f" and {len(names) - MAX_DOMAINS} more" if len(names) > MAX_DOMAINS else "")
    st.caption(f"Source: {md_escape(listed or 'none')} (every row's URLs are in the table view and the CSV); "
               f"compiled in corpus/timeline.csv from the project's fact base. {md_escape(note)}")
    data = tl.table(rows, extra)
    left, right = st.columns([2.2, 1])
    with left.expander(f"Table view: the {len(data)} rows behind this chart"):
        st.dataframe(data, hide_index=True, key=f"{name}_table")
    right.download_button(f"Download {label} CSV", data.to_csv(index=False).encode("utf-8"), file_name=f"{name}.csv",
                          mime="text/csv", key=f"{name}_csv", icon=":material/download:")


def _plot(fig, key: str, filename: str) -> None:
    st.plotly_chart(fig, key=key, on_select=_on_point_callback(key), selection_mode="points",
                    config=charts.image_config(filename))


def _on_point_callback(key: str):
    return lambda: _on_point(key)


def _event_label(events, event_id: str) -> str:
    if not event_id:
        return "Choose an event to see its sources and related passages"
    row = events.loc[events["id"] == event_id].iloc[0]
    return f"{row['date']} · {row['title']}"


def render() -> None:
    st.title("Investment timeline")
    st.caption("Microsoft's EUR 15M in Mistral AI, in context: Mistral's funding before and after, Microsoft's "
               "other commitments, product launches and the regulators' reactions. Every point is sourced; "
               "click one (or pick it from the list below the timeline) to see its evidence.")
    events = load_events()
    low, high = tl.date_bounds(events)
    state, notices = parse_timeline(_url_params(), event_ids=set(events["id"]), low=low, high=high)
    if notices:
        show_notices(notices)
        _set_url(state)  # the address now says what is shown
    _sync_widgets(state, low, high)
    _filters(low, high)

    shown = tl.filter_events(events, state.start, state.end, state.types)
    st.caption(f"Showing {len(shown)} of {len(events)} events"
               + (f" ({md_escape(', '.join(state.types))})" if state.types else " (all types)") + ".")

    st.subheader("Events by type")
    if len(shown):
        x_range = (str(state.start or "2019-01-01"), str(state.end or "2025-12-31"))
        _plot(charts.events_figure(shown, x_range, state.event), CHART_KEYS[0], "timeline-events")
    else:
        st.info("No events match these filters.")
    _chart_footer("timeline-events", "events", shown, "Hollow markers and shaded bars: dates known only to the month or year.")

    st.subheader("Evidence for one event")
    options = [""] + list(events["id"])
    st.selectbox("Event", options, key=KEYS["event"], format_func=lambda i: _event_label(events, i),
                 on_change=_on_widget, args=("event",))
    if state.event:
        show_evidence(events.loc[events["id"] == state.event].iloc[0].to_dict())

    _amount_chart("Mistral AI's funding", shown, state.currency, charts.funding_data, charts.funding_figure, 1,
                  "mistral-funding", "funding", "No funding rounds match these filters.",
                  "Log scale. The red star is Microsoft's investment (a convertible investment inside the "
                  "Series A valuation, not a round of its own).", ("measure", "shown_value", "shown_currency"))
    _amount_chart("Microsoft's commitments side by side", shown, state.currency, charts.scale_data, charts.scale_figure, 2,
                  "microsoft-commitments", "commitments", "No Microsoft commitments with an amount match these filters.",
                  "Log scale. Hatched bars are press figures Microsoft did not confirm. The blog's USD 5.6B European "
                  "total is left out: it overlaps the Germany and Spain rows.", ("shown_value", "shown_currency"))


def _amount_chart(title, shown, currency, data_of, figure_of, chart, name, noun, empty, caption, columns) -> None:
    """One amount chart: its omissions in the USD view, the figure, then source note, table and CSV."""
    st.subheader(title)
    rows, omitted = data_of(shown, currency)
    note = _omission_note(omitted, currency)
    if note:
        st.info(md_escape(note))
    if len(rows):
        _plot(figure_of(rows, currency), CHART_KEYS[chart], name)
    else:
        st.info(empty)
    _chart_footer(name, noun, rows, caption, columns)


def _omission_note(omitted: list[str], currency: str) -> str:
    if currency != "usd":
        return ""
    if not omitted:
        return "USD view: every figure here has a USD amount reported by a source."
    return ("USD view: left out because the timeline holds no USD figure reported by a source for them "
            "(we never convert with exchange rates of our own): " + "; ".join(omitted)
            + ". Their wording as reported is in the hover and table; switch to 'As reported' to plot them.")
