"""Plotly figures for the principles page. Plotly renders tick labels and hover text as a subset
of HTML (links included), so corpus text is HTML-escaped before it goes in."""

import html

import plotly.graph_objects as go

from explorer.analysis.coverage.compare import ABSENT, COVERED, PARTIAL, Coverage

VERDICT_COLOURS = {COVERED: "#2e7d32", PARTIAL: "#f9a825", ABSENT: "#9e9e9e"}
REVIEWED_COLOUR = "#1565c0"


def _labels(coverage: Coverage) -> list[str]:
    return [html.escape(p.label if len(p.label) <= 44 else p.label[:43] + "…") for p in coverage.principles]


def coverage_pairs(coverage: Coverage, selected: int | None = None) -> go.Figure:
    """Every (principle, paragraph) pair score, one row per principle: the reviewed pairs in blue,
    the rest in grey, with the threshold (dashed) and its LOPO jitter (shaded)."""
    labels = _labels(coverage)
    xs, ys, text, reviewed = [], [], [], []
    for i, p in enumerate(coverage.principles):
        for j, locator in enumerate(coverage.locators):
            xs.append(float(coverage.scores[i, j]))
            ys.append(labels[i])
            keep = bool(coverage.calibrated.labels[i, j])
            reviewed.append(keep)
            text.append(f"{html.escape(str(locator))}{' · in the review' if keep else ''}")
    fig = go.Figure()
    for keep, name, colour, size in ((False, "other pairs", "#b0b0b0", 6), (True, "reviewed: discusses", REVIEWED_COLOUR, 11)):
        idx = [k for k, r in enumerate(reviewed) if r == keep]
        fig.add_trace(go.Scatter(
            x=[xs[k] for k in idx], y=[ys[k] for k in idx], mode="markers", name=name,
            marker={"color": colour, "size": size, "symbol": "diamond" if keep else "circle", "opacity": 0.9 if keep else 0.5},
            customdata=[text[k] for k in idx], hovertemplate="%{y}<br>%{customdata}<extra></extra>"))
    verdicts = [f"review {p.reviewed_verdict} · model {p.verdict}" for p in coverage.principles]
    fig.add_trace(go.Scatter(
        x=[max(xs) + 0.3] * len(labels), y=labels, mode="text", text=verdicts, textposition="middle right",
        showlegend=False, hoverinfo="skip",
        textfont={"color": ["#c62828" if not p.verdict_agrees else "#333" for p in coverage.principles]}))
    jitter = coverage.jitter
    fig.add_vrect(x0=coverage.threshold - jitter, x1=coverage.threshold + jitter, fillcolor="#1565c0", opacity=0.07,
                  line_width=0)
    fig.add_vline(x=coverage.threshold, line_dash="dash", line_color="#555")
    if selected is not None:
        row = [p.number for p in coverage.principles].index(selected)
        fig.add_hrect(y0=row - 0.5, y1=row + 0.5, line_width=2, line_color="#d32f2f")
    fig.update_layout(
        height=460, margin={"l": 10, "r": 10, "t": 10, "b": 40}, legend={"orientation": "h", "y": -0.15},
        xaxis={"title": "how close in meaning (dashed: the model's cut-off; shaded: how far the cut-off moved "
                         "when tested)", "range": [min(xs) - 0.2, max(xs) + 3.2]},
        yaxis={"autorange": "reversed"})
    return fig


def heatmap(coverage: Coverage, selected: int | None = None) -> go.Figure:
    """Principles (rows) × article paragraphs (columns): the model's pair score; reviewed pairs circled."""
    labels = _labels(coverage)
    fig = go.Figure(go.Heatmap(
        z=coverage.scores.round(3), x=coverage.locators, y=labels, customdata=coverage.margins.round(3),
        colorscale="Blues", colorbar={"title": "closeness"},
        hovertemplate="%{y}<br>%{x}<extra></extra>"))
    rows, cols = coverage.calibrated.labels.nonzero()
    fig.add_trace(go.Scatter(
        x=[coverage.locators[j] for j in cols], y=[labels[i] for i in rows], mode="markers", name="reviewed pair",
        marker={"symbol": "circle-open", "size": 14, "color": "#d32f2f", "line": {"width": 2}}, hoverinfo="skip",
        showlegend=False))
    if selected is not None:
        fig.add_hrect(y0=selected - 1.5, y1=selected - 0.5, line_width=2, line_color="#d32f2f")
    fig.update_layout(height=520, margin={"l": 10, "r": 10, "t": 10, "b": 40},
                      yaxis={"autorange": "reversed"}, xaxis={"title": "article paragraph", "tickangle": 0})
    return fig
