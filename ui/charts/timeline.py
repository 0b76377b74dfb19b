"""Plotly figures for the timeline page: rows in, figure out (no streamlit, no torch).

Each chart's title names the period it shows (`period`), so a filtered view never claims the
whole 2019-2025 span. Nothing zooms inside a chart: the axes are fixed and the page's date
filters (which the URL carries) are the only way to change the period shown.

Every point carries its event id in `customdata` (so a click can open its evidence) and a
hover with the amount as reported, the date precision, the source domains and any note.
Corpus text is HTML-escaped before it goes into hover text.
"""

import html
import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from explorer.dates import label
from explorer.ratios import compact, ratio_sentences
from explorer.analysis.events.frame import ALL_TYPES
from explorer.story.timeline import domains, in_view, select, sources

CURRENCY_COLOURS = {"EUR": "#3360a9", "USD": "#2e8540"}
# One colour per type, in ALL_TYPES order (the curated types, then the extracted kinds); a test
# fails if a type is added without one.
TYPE_COLOURS = dict(zip(ALL_TYPES, ("#6d3e91", "#3360a9", "#c05917", "#18470f", "#00847e", "#b13507", "#d4006e",
                                    "#883039", "#5a6e00", "#7a5c00", "#1f5f99", "#8a1f4d", "#505050")))
MARKED = "marked"  # the `measure` of the rows a chart marks with a star
EXTRACTED_OPACITY = 0.5  # extracted, not yet reviewed events are drawn paler than confirmed ones
PRECISION_SYMBOLS = {"day": "circle", "month": "diamond-open", "quarter": "triangle-up-open", "half": "hexagon-open",
                     "year": "square-open"}
FONT = dict(family="Lato, Helvetica, Arial, sans-serif", size=13, color="#363636")


def image_config(filename: str) -> dict:
    """Plotly toolbar config: PNG export named after the chart, no plotly logo."""
    return {"toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
            "displaylogo": False, "scrollZoom": False,
            "modeBarButtonsToRemove": ["lasso2d", "select2d", "zoom2d", "pan2d", "zoomIn2d", "zoomOut2d",
                                       "autoScale2d", "resetScale2d"]}


def _wrap(text: str, width: int = 70) -> str:
    return "<br>".join(html.escape(line) for line in textwrap.wrap(str(text), width)) if text else ""


def hover(row, shown: str | None = None) -> str:
    """Hover text for one event: title, date and precision, amounts as reported, sources, note."""
    parts = [f"<b>{_wrap(row['title'], 60)}</b>"]
    if row.get("review") == "extracted":
        parts.append("<i>Extracted from the documents, not yet reviewed</i>")
    parts += [
             f"{html.escape(row['date'])}{' to ' + html.escape(row['end_date']) if row.get('end_date') else ''}"
             f" (date precision: {html.escape(row['date_precision'])})",
             f"Type: {html.escape(row['type'])} · {_wrap(row['actor'], 60)}"]
    if shown:
        parts.append(f"Plotted: {html.escape(shown)}")
    if row.get("amount_as_reported"):
        parts.append("Amount as reported: " + _wrap(row["amount_as_reported"]))
    if row.get("valuation_as_reported"):
        parts.append("Valuation as reported: " + _wrap(row["valuation_as_reported"]))
    parts.append("Source: " + html.escape(", ".join(domains(sources(row["source_urls"])))))
    if row.get("note"):
        parts.append("Note: " + _wrap(row["note"]))
    return "<br>".join(parts)


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(title=dict(text=title, x=0, xanchor="left", font=dict(size=17)), height=height,
                      font=FONT, plot_bgcolor="white", paper_bgcolor="white", hovermode="closest",
                      margin=dict(l=10, r=20, t=80, b=40),
                      hoverlabel=dict(bgcolor="white", font=dict(size=12), align="left"),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1))
    fig.update_xaxes(showgrid=False, linecolor="#999", ticks="outside", fixedrange=True)
    fig.update_yaxes(gridcolor="#eee", zeroline=False, fixedrange=True)
    return fig


def _legend_below(fig: go.Figure) -> go.Figure:
    """The legend under the plot, so on a phone it never covers the title."""
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.3, xanchor="left", x=0),
                      margin=dict(b=130))
    return fig


def _titled(title: str, period: str) -> str:
    """The title with its period on a line of its own (a phone-wide chart cuts one long line)."""
    return f"{title},<br>{period}" if period else title


# --- 1. Funding rounds with one event marked (a story's "funding" chart) --------------

def funding_data(events: pd.DataFrame, currency_view: str, spec: dict) -> tuple[pd.DataFrame, list[str]]:
    """Rows behind a funding chart (measure = round amount / valuation / the marked event) and
    omission notes; `spec` (story.json) says which rows are rounds and which one is marked."""
    parts, omitted = [], []
    rounds = select(events, spec.get("rounds"))
    for measure, value, unit in (("Round amount", "amount", "currency"), ("Valuation", "valuation", "valuation_currency")):
        shown, dropped = in_view(rounds, currency_view, value, unit)
        parts.append(shown.assign(measure=measure))
        omitted += [f"{measure.lower()} of {t}" for t in dropped["title"]]
    shown, dropped = in_view(select(events, spec.get("marked")), currency_view)
    parts.append(shown.assign(measure=MARKED))
    omitted += [t for t in dropped["title"]]
    rows = pd.concat([p for p in parts if len(p)] or [parts[0]], ignore_index=True)
    return rows, omitted


def funding_figure(rows: pd.DataFrame, currency_view: str, spec: dict, period: str = "") -> go.Figure:
    fig = go.Figure()
    for (measure, unit), group in rows[rows["measure"] != MARKED].groupby(["measure", "shown_currency"], sort=False):
        is_round = measure == "Round amount"
        fig.add_trace(go.Scatter(
            x=group["period_start"], y=group["shown_value"], name=f"{measure} ({unit})",
            mode="markers+text" if is_round else "lines+markers+text",
            text=[compact(v, unit) for v in group["shown_value"]],
            textposition="bottom center" if is_round else "top center",
            marker=dict(size=13 if is_round else 10, symbol="circle" if is_round else "diamond",
                        color=CURRENCY_COLOURS[unit], line=dict(width=1, color="white")),
            line=dict(dash="dot", color=CURRENCY_COLOURS[unit], width=1.5),
            customdata=[[i] for i in group["id"]],
            hovertext=[hover(r, compact(v, unit)) for r, v in zip(group.to_dict("records"), group["shown_value"])],
            hoverinfo="text"))
    ms = rows[rows["measure"] == MARKED]
    for record in ms.to_dict("records"):
        label = compact(record["shown_value"], record["shown_currency"])
        if currency_view == "usd":
            label = f"≈{label} ({record['usd_equivalent_source'].split(' (')[0]})"
        fig.add_trace(go.Scatter(
            x=[record["period_start"]], y=[record["shown_value"]], name=spec.get("marked_label", "Marked event"),
            mode="markers", marker=dict(size=18, symbol="star", color="#d62728", line=dict(width=1, color="white")),
            customdata=[[record["id"]]], hovertext=[hover(record, label)], hoverinfo="text"))
        fig.add_annotation(x=record["period_start"].strftime("%Y-%m-%d"), y=math.log10(record["shown_value"]),
                           yref="y", xref="x",
                           text=f"<b>{html.escape(spec.get('marked_short', ''))}: {html.escape(label)}</b><br>{record['period_start']:%d %b %Y}",
                           # straight above the star: below-left it sat on the "Jan 2024" tick
                           showarrow=True, arrowhead=2, ax=0, ay=-60, align="center",
                           bgcolor="rgba(255,255,255,.85)", font=dict(color="#d62728"))
    unit_label = "each in its reported currency" if currency_view == "reported" else "USD as reported by sources"
    values = rows["shown_value"].dropna()
    if len(values):  # room above and below the labels
        fig.update_yaxes(range=[math.log10(values.min()) - 0.35, math.log10(values.max()) + 0.4])
    fig.update_yaxes(type="log", dtick=1, title=dict(text=f"Amount and valuation (log scale),<br>{unit_label}"))
    fig.update_xaxes(title=None)
    dates = rows["period_start"].dropna()
    if len(dates) and dates.min() == dates.max():  # one date: give the axis a readable span around it
        fig.update_xaxes(range=[dates.min() - pd.Timedelta(days=45), dates.max() + pd.Timedelta(days=45)])
    fig = _layout(fig, _titled(html.escape(spec.get("figure_title") or spec.get("title", "")), period), 520)
    return _legend_below(fig)


# --- 2. Events in lanes -----------------------------------------------------------------------

NEAR_SHARE = 1 / 60  # markers closer than this share of the shown span would cover each other
MAX_SPREAD = 0.8  # the most a lane's stacked markers may spread (the lanes are 1 apart)


def lane_offsets(rows: pd.DataFrame, spread: float = 0.22) -> pd.Series:
    """Vertical offset within a lane so events on the same or nearby days stack instead of
    covering each other (nearby: closer than NEAR_SHARE of the span the chart shows)."""
    offsets = pd.Series(0.0, index=rows.index)
    if not len(rows):
        return offsets
    span = max((rows["period_start"].max() - rows["period_start"].min()).days, 30)
    near = pd.Timedelta(days=span * NEAR_SHARE)
    for _, lane in rows.groupby("type"):
        lane = lane.sort_values("period_start", kind="stable")
        groups, current, last = [], [], None
        for index, start in lane["period_start"].items():
            if last is not None and start - last > near:
                groups.append(current)
                current = []
            current.append(index)
            last = start
        groups.append(current)
        for group in groups:
            step = min(spread, MAX_SPREAD / max(len(group) - 1, 1))
            for k, index in enumerate(group):
                offsets[index] = (k - (len(group) - 1) / 2) * step
    return offsets


def events_figure(rows: pd.DataFrame, x_range=None, chosen: str = "", period: str = "") -> go.Figure:
    """Events in one lane per type; x_range (start, end) is the filtered period, else the data's own."""
    lanes = [t for t in ALL_TYPES if t in set(rows["type"])]
    lane_of = {t: i for i, t in enumerate(lanes)}
    y = rows["type"].map(lane_of) + lane_offsets(rows)
    fig = go.Figure()
    for kind in lanes:
        mask = rows["type"] == kind
        group, gy = rows[mask], y[mask]
        spans = group[(group["date_precision"] != "day") | (group["end_date"] != "")]
        if len(spans):  # a faint bar over the period a month-, quarter-, half- or year-precision or multi-day event covers
            xs, ys = [], []
            for index, record in spans.iterrows():
                xs += [record["period_start"], record["period_end"], None]
                ys += [gy[index], gy[index], None]
            fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=dict(color=TYPE_COLOURS[kind], width=6),
                                     opacity=0.3, hoverinfo="skip", showlegend=False))
        extracted = group["review"] == "extracted" if "review" in group else pd.Series(False, index=group.index)
        fig.add_trace(go.Scatter(
            x=group["period_start"], y=gy, name=kind, mode="markers",
            marker=dict(size=12, color=TYPE_COLOURS[kind], line=dict(width=1.5, color=TYPE_COLOURS[kind]),
                        symbol=[PRECISION_SYMBOLS[p] for p in group["date_precision"]],
                        opacity=[EXTRACTED_OPACITY if e else 1.0 for e in extracted]),
            customdata=[[i] for i in group["id"]], hovertext=[hover(r) for r in group.to_dict("records")],
            hoverinfo="text"))
    if chosen in set(rows["id"]):  # ring the chosen event
        index = rows.index[rows["id"] == chosen][0]
        fig.add_trace(go.Scatter(x=[rows.at[index, "period_start"]], y=[y[index]], mode="markers",
                                 marker=dict(size=24, symbol="circle-open", color="#d62728", line=dict(width=3)),
                                 hoverinfo="skip", showlegend=False, name="chosen event"))
    fig.update_yaxes(tickvals=list(range(len(lanes))), ticktext=lanes, range=[-0.6, len(lanes) - 0.4],
                     title=None, showgrid=True)
    if x_range is None and len(rows):
        x_range = (rows["period_start"].min() - pd.Timedelta(days=20), rows["period_end"].max() + pd.Timedelta(days=20))
    if x_range is not None:
        fig.update_xaxes(range=[str(pd.Timestamp(x)).split(" ")[0] for x in x_range])
    fig.update_xaxes(type="date")
    fig.update_layout(showlegend=False)
    return _layout(fig, _titled("Events by type", period), 440)


# --- 3. Amounts side by side, one marked (a story's "scale" chart) -------------------

def scale_data(events: pd.DataFrame, currency_view: str, spec: dict) -> tuple[pd.DataFrame, list[str]]:
    """Rows behind an amounts-side-by-side chart (`spec["rows"]`), those of `spec["marked"]` marked."""
    shown, dropped = in_view(select(events, spec.get("rows")), currency_view)
    marked = set(select(events, spec.get("marked"))["id"])
    return shown.assign(marked=shown["id"].isin(marked)), list(dropped["title"])


def scale_label(record) -> str:
    when = record["period_start"].strftime("%b %Y") if record["date_precision"] in ("day", "month") else label(record["date"])
    return f"{record['counterparty']} ({when})"


def scale_sentences(rows: pd.DataFrame) -> list[str]:
    """The chart's ratios in words (the marked amount against each other commitment)."""
    return ratio_sentences(rows, scale_label)


def scale_figure(rows: pd.DataFrame, currency_view: str, spec: dict, period: str = "") -> go.Figure:
    """Amounts as positions on a log axis (dots, never bars: a bar's length on a log axis says
    nothing true about the ratio). Hollow dots are figures the sources do not confirm; the star
    is the marked event, with a dotted line so every dot can be read against it."""
    fig = go.Figure()
    labels = [scale_label(r) for r in rows.to_dict("records")]
    rows = rows.assign(label=labels)
    is_star = rows["marked"] if "marked" in rows else pd.Series(False, index=rows.index)
    for unit, group in rows[~is_star].groupby("shown_currency", sort=False):
        hedged = group["status"] != "confirmed"
        fig.add_trace(go.Scatter(
            y=group["label"], x=group["shown_value"], mode="markers+text", name=unit,
            marker=dict(size=13, color=CURRENCY_COLOURS[unit], line=dict(width=2, color=CURRENCY_COLOURS[unit]),
                        symbol=["circle-open" if h else "circle" for h in hedged]),
            text=[compact(v, unit) + (f" ({status})" if h else "") for v, h, status in zip(group["shown_value"], hedged, group["status"])],
            textposition="top center", cliponaxis=False,
            customdata=[[i] for i in group["id"]],
            hovertext=[hover(r, compact(v, unit)) for r, v in zip(group.to_dict("records"), group["shown_value"])],
            hoverinfo="text"))
    for record in rows[is_star].to_dict("records"):
        label = compact(record["shown_value"], record["shown_currency"])
        fig.add_trace(go.Scatter(
            y=[record["label"]], x=[record["shown_value"]], mode="markers+text", name=spec.get("marked_label", "Marked event"),
            marker=dict(size=18, symbol="star", color="#d62728", line=dict(width=1, color="white")),
            text=[label + (f" ({record['status']})" if record["status"] != "confirmed" else "")],
            textposition="top right", cliponaxis=False, textfont=dict(color="#d62728"),
            customdata=[[record["id"]]], hovertext=[hover(record, label)], hoverinfo="text"))
        fig.add_vline(x=record["shown_value"], line=dict(color="#d62728", width=1, dash="dot"))
    unit_label = "each in its reported currency" if currency_view == "reported" else "USD as reported by sources"
    top = rows["shown_value"].max() if len(rows) else 1e10
    fig.update_xaxes(type="log", dtick=1, title=dict(text=f"Amount (log scale),<br>{unit_label}"),
                     range=[6.8, math.log10(top) + 0.6], showgrid=True, gridcolor="#eee")
    fig.update_yaxes(categoryorder="array", categoryarray=labels[::-1], title=None, showgrid=False)
    fig = _layout(fig, _titled(html.escape(spec.get("figure_title") or spec.get("title", "")), period), 460)
    return _legend_below(fig)
