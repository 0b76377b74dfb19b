"""Rendering for the timeline page of any collection: filters bound to the URL, charts, tables,
CSVs, evidence, and the review of extracted events.

The events are the story's (explorer.analysis.events): extracted from its documents and marked
as such, with the reviewed layer on top (confirmed, corrected, added; a story's curated timeline
is confirmed). The URL (from, to, type, status, event, currency) is the state, through ui.url_state:
every control, the preset periods and a click on a point write it, and what is shown (the count,
the chart titles, the tables, the CSVs and the link) is computed from that one state, so they
always agree. Dates are typed as YYYY-MM-DD and applied with Enter (or on leaving the field).
Nothing here loads the embedding model: that happens only in ui.timeline_evidence.
"""

import dataclasses
from datetime import timedelta

import streamlit as st

from explorer.analysis.events.frame import ALL_TYPES, bounds, focus_range
from explorer.story import timeline as tl
from explorer.links.timeline import REVIEW_STATES, TimelineState, parse_timeline, period_label, preset_of, presets
from ui import loaders, url_state
from ui.charts import timeline as charts
from ui.chart_box import chart_box
from ui.common import md_escape

CURRENCY_LABELS = {"reported": "As reported (each in its own currency)", "usd": "USD where a source reported it"}
KEYS = {"from": "tl_from", "to": "tl_to", "type": "tl_type", "status": "tl_status", "currency": "tl_currency",
        "event": "tl_event", "preset": "tl_preset"}
WHOLE_TIMELINE = "Whole timeline"
MAX_DOMAINS = 12
CHART_KEYS = ("tl_chart_events",)
DATE_NOTICE = "_tl_date_notice"


def parser(events, event_ids=None):
    low, high = bounds(events)
    ids = set(events["id"]) | set(event_ids or ())
    return lambda params: parse_timeline(params, types=ALL_TYPES, event_ids=ids, low=low, high=high)


def context():
    """(story, timeline, events table, preset periods) of the collection the URL names."""
    story, timeline, events = loaders.story_timeline(url_state.collection())
    return story, timeline, events, presets(story.info.timeline, *bounds(events))


def all_ids(timeline) -> set:
    return {e["id"] for e in timeline.events + timeline.rejected}


def current_state() -> TimelineState:
    """The state the address bar holds now (callbacks start from it and change one thing)."""
    _, timeline, events, _ = context()
    return parser(events, all_ids(timeline))(url_state.current_params())[0]


def show_state(state: TimelineState, periods: dict) -> None:
    url_state.show_in_widgets({
        KEYS["from"]: state.start.isoformat() if state.start else "",
        KEYS["to"]: state.end.isoformat() if state.end else "",
        KEYS["type"]: list(state.types),
        KEYS["status"]: list(state.statuses),
        KEYS["currency"]: state.currency,
        KEYS["event"]: state.event,
        KEYS["preset"]: preset_of(state, periods) or (WHOLE_TIMELINE if state.start is None and state.end is None else None),
    })


# --- callbacks: each writes the new state to the URL ---------------------------------------

def _on_date(param: str) -> None:
    """A typed date was confirmed (Enter or leaving the field): apply it, or say why not."""
    text = (st.session_state[KEYS[param]] or "").strip()
    parsed, problem = parse_timeline({param: [text]} if text else {}, low=None, high=None)
    value = parsed.start if param == "from" else parsed.end
    if problem:
        st.session_state[DATE_NOTICE] = problem
        return
    field = "start" if param == "from" else "end"
    state = dataclasses.replace(current_state(), **{field: value})
    # The other date box may hold a date confirmed a moment ago whose rerun has not reached the
    # address bar yet (two dates typed back to back on a busy server): keep it too.
    other = "to" if param == "from" else "from"
    typed = (st.session_state.get(KEYS[other]) or "").strip()
    if typed:
        confirmed, trouble = parse_timeline({other: [typed]}, low=None, high=None)
        if not trouble:
            state = dataclasses.replace(state, **{"end" if other == "to" else "start":
                                                  confirmed.end if other == "to" else confirmed.start})
    url_state.write(state)


def _on_change(param: str) -> None:
    value = st.session_state[KEYS[param]]
    state = current_state()
    if param == "type":
        state = dataclasses.replace(state, types=tuple(t for t in ALL_TYPES if t in (value or [])))
    elif param == "status":
        state = dataclasses.replace(state, statuses=tuple(s for s in REVIEW_STATES if s in (value or [])))
    elif param == "currency":
        state = dataclasses.replace(state, currency=value or "reported")
    elif param == "event":
        state = dataclasses.replace(state, event=value or "")
    elif param == "preset":
        start, end = context()[3].get(value, (None, None))
        state = dataclasses.replace(state, start=start, end=end)
    url_state.write(state)


def _on_point(key: str) -> None:
    """A point was clicked on a chart: its event id becomes the chosen event."""
    selection = st.session_state.get(key) or {}
    for point in selection.get("selection", {}).get("points", []):
        data = point.get("customdata")
        data = data[0] if isinstance(data, (list, tuple)) and data else data
        if isinstance(data, str):
            url_state.write(dataclasses.replace(current_state(), event=data))
            return


# --- rendering ---------------------------------------------------------------------------------

def filters(events, periods: dict) -> None:
    st.pills("Period", [WHOLE_TIMELINE, *periods], key=KEYS["preset"], on_change=_on_change, args=("preset",),
             help="One click sets the From and To dates below (and the link).")
    c1, c2, c3, c4 = st.columns([1, 1, 2.2, 1.6])
    c1.text_input("From (YYYY-MM-DD)", key=KEYS["from"], on_change=_on_date, args=("from",),
                  placeholder="no lower limit", help="Type a date and press Enter.")
    c2.text_input("To (YYYY-MM-DD)", key=KEYS["to"], on_change=_on_date, args=("to",),
                  placeholder="no upper limit", help="Type a date and press Enter.")
    present = set(events["type"]) | set(st.session_state.get(KEYS["type"]) or [])
    c3.multiselect("Event types", [t for t in ALL_TYPES if t in present], key=KEYS["type"], on_change=_on_change,
                   args=("type",), placeholder="All types")
    statuses = set(events["review"]) | set(st.session_state.get(KEYS["status"]) or [])
    c4.multiselect("Review status", [s for s in REVIEW_STATES if s in statuses], key=KEYS["status"],
                   on_change=_on_change, args=("status",), placeholder="Every status",
                   help="extracted: derived from the documents, not yet reviewed; confirmed, corrected or added: "
                        "a person's decision (rejected events are left off the timeline).")
    if st.session_state.get(DATE_NOTICE):
        st.warning(md_escape(st.session_state.pop(DATE_NOTICE)), icon="⚠️")
    if len(events) and events["amount"].notna().any():
        st.radio("Currency", tl.CURRENCY_VIEWS, key=KEYS["currency"], format_func=CURRENCY_LABELS.get,
                 on_change=_on_change, args=("currency",), horizontal=True)


def chart_footer(name: str, label: str, rows, note: str = "", extra=()) -> None:
    """Under every chart: source note, table view, CSV download of exactly the rows behind it."""
    urls = [u for field in rows["source_urls"] for u in tl.sources(field)] if len(rows) else []
    names = tl.domains(urls)
    listed = ", ".join(names[:MAX_DOMAINS]) + (f" and {len(names) - MAX_DOMAINS} more" if len(names) > MAX_DOMAINS else "")
    reviewed = int((rows["review"] != "extracted").sum()) if len(rows) and "review" in rows else len(rows)
    origin = ("compiled from the project's fact base" if reviewed == len(rows) else
              (f"{len(rows) - reviewed} of these rows were extracted from the documents and are not yet reviewed"
               if len(rows) - reviewed > 1 else "1 of these rows was extracted from the documents and is not yet reviewed"))
    st.caption(f"Source: {md_escape(listed or 'the documents of this collection')} (every row's sources are in "
               f"the table view and the CSV); {md_escape(origin)}. {md_escape(note)}")
    data = tl.table(rows, extra)
    left, right = st.columns([2.2, 1])
    with left.expander(f"Table view: the {len(data)} rows behind this chart"):
        st.dataframe(data, hide_index=True, key=f"{name}_table")
    right.download_button(md_escape(f"Download {label} CSV"), data.to_csv(index=False).encode("utf-8"), file_name=f"{name}.csv",
                          mime="text/csv", key=f"{name}_csv", icon=":material/download:", on_click="ignore")


def plot(fig, key: str, filename: str) -> None:
    chart_box(key).plotly_chart(fig, key=key, on_select=lambda: _on_point(key), selection_mode="points",
                    config=charts.image_config(filename))


def picker_options(shown, chosen: str) -> list[str]:
    """The event picker's choices: the events the filters show. An event chosen by a link but
    outside the filters stays listed (marked), so the picker never contradicts the URL."""
    ids = list(shown["id"])
    return ["", *ids] + ([chosen] if chosen and chosen not in ids else [])


def event_label(events, event_id: str, shown=None, timeline=None) -> str:
    if not event_id:
        return "Choose an event to see its sources and related passages"
    found = events.loc[events["id"] == event_id]
    if not len(found):
        event = timeline.event(event_id) if timeline else None
        text = (event or {}).get("text") or event_id
        return f"{(event or {}).get('date') or 'undated'} · {text[:100]} ({(event or {}).get('review', '')})"
    row = found.iloc[0]
    outside = shown is not None and event_id not in set(shown["id"])
    badge = " [extracted]" if row.get("review") == "extracted" else ""
    return f"{row['label']}{badge}" + (" (outside these filters)" if outside else "")


def render_view(story, timeline, events, state: TimelineState) -> None:
    """Everything below the filters, computed from `state` alone."""
    from ui.timeline_evidence import show_evidence
    from ui.timeline_review import show_review, show_undated

    low, high = bounds(events)
    period = period_label(state, low, high)
    shown = tl.filter_events(events, state.start, state.end, state.types, state.statuses)
    st.caption(f"Showing {len(shown)} of {len(events)} events, {md_escape(period)}"
               + (f" ({md_escape(', '.join(state.types))})" if state.types else " (all types)")
               + (f", {md_escape(', '.join(state.statuses))}" if state.statuses else "") + ".")

    st.subheader("Events by type")
    if len(shown):
        x_range = (state.start or low, state.end or high) if (state.start or state.end) else None
        focus = None if x_range else focus_range(shown)
        if focus:
            first, last, left_out = focus
            x_range = (first - timedelta(days=30), last + timedelta(days=30))
            apart = shown[shown["id"].isin(left_out)]
            st.caption(md_escape(f"{len(left_out)} event{'s' if len(left_out) > 1 else ''} outside the chart, far from "
                                 "the others: " + "; ".join(f"{r['date']} ({r['title']})" for _, r in apart.iterrows())
                                 + ". Set From or To to include them; the list and the exports hold every event."))
        plot(charts.events_figure(shown, x_range, state.event, period), CHART_KEYS[0], "timeline-events")
    else:
        st.info("No events match these filters.")
    chart_footer("timeline-events", "events", shown, "Hollow markers and shaded bars: dates known only to the month, quarter, half-year or year. Pale markers: "
                 "events extracted from the documents, not yet reviewed.")

    st.subheader("Evidence for one event")
    options = picker_options(shown, state.event)
    st.selectbox("Event", options, key=KEYS["event"],
                 format_func=lambda i: event_label(events, i, shown, timeline), on_change=_on_change, args=("event",),
                 help="The events the filters above show.")
    chosen = timeline.event(state.event) if state.event else None
    if chosen is not None:
        if chosen["origin"] == "curated":
            show_evidence(events.loc[events["id"] == state.event].iloc[0].to_dict(), state)
        show_review(story, timeline, chosen, state)
    show_undated(story, timeline, state)

    for number, spec in enumerate(story.info.timeline.get("charts") or []):
        if spec.get("kind") == "funding":
            amount_chart(spec, shown, state.currency, period, charts.funding_data, charts.funding_figure, number,
                         ("measure", "shown_value", "shown_currency"))
        elif spec.get("kind") == "scale":
            amount_chart(spec, shown, state.currency, period, charts.scale_data, charts.scale_figure, number,
                         ("shown_value", "shown_currency"), charts.scale_sentences)


def amount_chart(spec: dict, shown, currency, period, data_of, figure_of, number, columns, words_of=None) -> None:
    """One amount chart a story's story.json asks for: its omissions in the USD view, the figure
    (with what it shows in words, when `words_of(rows)` says it), then source note, table and CSV."""
    name, noun = spec.get("name") or f"chart-{number}", spec.get("noun") or "rows"
    st.subheader(md_escape(spec.get("title") or name))
    rows, omitted = data_of(shown, currency, spec)
    note = omission_note(omitted, currency)
    if note:
        st.info(md_escape(note))
    if len(rows):
        plot(figure_of(rows, currency, spec, period), f"tl_chart_{number}_{name}", name)
        sentences = words_of(rows) if words_of else []
        if sentences:
            st.markdown("**In words** (ratios in one currency, as sources reported it):\n\n"
                        + "\n".join(f"- {md_escape(text)}" for text in sentences))
    else:
        st.info(md_escape(spec.get("empty") or "Nothing matches these filters."))
    chart_footer(name, noun, rows, spec.get("caption") or "", columns)


def omission_note(omitted: list[str], currency: str) -> str:
    if currency != "usd":
        return ""
    if not omitted:
        return "USD view: every figure here has a USD amount reported by a source."
    return ("USD view: left out because the timeline holds no USD figure reported by a source for them "
            "(we never convert with exchange rates of our own): " + "; ".join(omitted)
            + ". Their wording as reported is in the hover and table; switch to 'As reported' to plot them.")

