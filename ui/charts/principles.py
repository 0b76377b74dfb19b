"""Plotly figures for the principles page, over one coverage comparison
(explorer.analysis.coverage.report.Comparison). Plotly renders tick labels and hover text as a
subset of HTML (links included), so corpus text is HTML-escaped before it goes in."""

import html

import plotly.graph_objects as go

REVIEWED_COLOUR = "#1565c0"


def _labels(comparison) -> list[str]:
    out = []
    for i in comparison.items:
        label = f"{i.label} {i.title}"
        out.append(html.escape(label if len(label) <= 44 else label[:43] + "…"))
    return out


def _verdict(item) -> str:
    person = "not reviewed" if item.reviewed is None else "discussed" if item.reviewed else "not discussed"
    return f"person: {person} · model: {item.verdict}"


def coverage_pairs(comparison, selected: int | None = None) -> go.Figure:
    """Every (principle, paragraph) pair score, one row per principle: the paragraphs the person kept
    in blue, the rest in grey, with the model's cut-off (dashed) and how far it moved when tested
    (shaded)."""
    labels = _labels(comparison)
    scores, marks = comparison.scored.scores, comparison.labels
    locators = [p.locator for p in comparison.scored.passages]
    xs, ys, text, kept = [], [], [], []
    for i in range(len(comparison.items)):
        for j, locator in enumerate(locators):
            keep = bool(marks[i, j] == 1)
            xs.append(float(scores[i, j]))
            ys.append(labels[i])
            kept.append(keep)
            text.append(f"{html.escape(str(locator))}{' · the person keeps it' if keep else ''}")
    fig = go.Figure()
    for keep, name, colour, size in ((False, "other paragraphs", "#b0b0b0", 6),
                                     (True, "kept by the person", REVIEWED_COLOUR, 11)):
        idx = [k for k, r in enumerate(kept) if r == keep]
        fig.add_trace(go.Scatter(
            x=[xs[k] for k in idx], y=[ys[k] for k in idx], mode="markers", name=name,
            marker={"color": colour, "size": size, "symbol": "diamond" if keep else "circle",
                    "opacity": 0.9 if keep else 0.5},
            customdata=[text[k] for k in idx], hovertemplate="%{y}<br>%{customdata}<extra></extra>"))
    top = max(xs) if xs else 1.0
    fig.add_trace(go.Scatter(
        x=[top + 0.03] * len(labels), y=labels, mode="text", text=[_verdict(i) for i in comparison.items],
        textposition="middle right", showlegend=False, hoverinfo="skip",
        textfont={"color": ["#333" if i.reviewed is None or (i.verdict == "discussed") == i.reviewed
                            or i.verdict == "borderline" else "#c62828" for i in comparison.items]}))
    threshold, jitter = comparison.calibration.fit.threshold, comparison.calibration.cv.jitter()
    fig.add_vrect(x0=threshold - jitter, x1=threshold + jitter, fillcolor="#1565c0", opacity=0.07, line_width=0)
    fig.add_vline(x=threshold, line_dash="dash", line_color="#555")
    if selected is not None:
        row = [i.number for i in comparison.items].index(selected)
        fig.add_hrect(y0=row - 0.5, y1=row + 0.5, line_width=2, line_color="#d32f2f")
    fig.update_layout(
        height=460, margin={"l": 10, "r": 10, "t": 10, "b": 40}, legend={"orientation": "h", "y": -0.15},
        xaxis={"title": "how close in meaning (dashed: the model's cut-off; shaded: how far it moved when tested)",
               "range": [min(xs, default=0.0) - 0.05, top + 0.45]},
        yaxis={"autorange": "reversed"})
    return fig


def heatmap(comparison, selected: int | None = None) -> go.Figure:
    """Principles (rows) × paragraphs (columns): how close in meaning; the person's paragraphs circled."""
    labels = _labels(comparison)
    locators = [p.locator for p in comparison.scored.passages]
    fig = go.Figure(go.Heatmap(
        z=comparison.scored.scores.round(3), x=locators, y=labels, colorscale="Blues",
        colorbar={"title": "closeness"}, hovertemplate="%{y}<br>%{x}<extra></extra>"))
    rows, cols = (comparison.labels == 1).nonzero()
    fig.add_trace(go.Scatter(
        x=[locators[j] for j in cols], y=[labels[i] for i in rows], mode="markers", name="kept by the person",
        marker={"symbol": "circle-open", "size": 14, "color": "#d32f2f", "line": {"width": 2}}, hoverinfo="skip",
        showlegend=False))
    if selected is not None:
        row = [i.number for i in comparison.items].index(selected)
        fig.add_hrect(y0=row - 0.5, y1=row + 0.5, line_width=2, line_color="#d32f2f")
    fig.update_layout(height=520, margin={"l": 10, "r": 10, "t": 10, "b": 40},
                      yaxis={"autorange": "reversed"}, xaxis={"title": "article paragraph", "tickangle": 0})
    return fig
