"""Plotly figures for the principles page (no corpus text is rendered as markup here)."""

import plotly.graph_objects as go

from explorer.compare import ABSENT, COVERED, PARTIAL, Coverage

VERDICT_COLOURS = {COVERED: "#2e7d32", PARTIAL: "#f9a825", ABSENT: "#9e9e9e"}


def coverage_bars(coverage: Coverage, selected: int | None = None) -> go.Figure:
    """Best score per principle, coloured by verdict, with the two thresholds drawn in."""
    rows = coverage.principles
    fig = go.Figure(go.Bar(
        x=[p.best_score for p in rows], y=[p.label for p in rows], orientation="h",
        marker_color=[VERDICT_COLOURS[p.verdict] for p in rows],
        marker_line_width=[3 if p.number == selected else 0 for p in rows], marker_line_color="#1f4e8c",
        text=[f"{p.best_score:.2f} {p.verdict}" for p in rows], textposition="outside",
        hovertemplate="%{y}<br>best score %{x:.3f}<extra></extra>"))
    for value in (coverage.partial_min, coverage.covered_min):
        fig.add_vline(x=value, line_dash="dash", line_color="#555")
    fig.update_layout(height=420, margin=dict(l=10, r=10, t=10, b=40), showlegend=False,
                      xaxis=dict(title=f"best topic-adjusted cosine (dashed: partial ≥ {coverage.partial_min:.2f}, "
                                            f"covered ≥ {coverage.covered_min:.2f})", range=[0, max(0.6, max(p.best_score for p in rows) + 0.1)]),
                      yaxis=dict(autorange="reversed"))
    return fig


def heatmap(coverage: Coverage, selected: int | None = None) -> go.Figure:
    """Principles (rows) × article paragraphs (columns)."""
    labels = [p.label if len(p.label) <= 44 else p.label[:43] + "…" for p in coverage.principles]
    fig = go.Figure(go.Heatmap(
        z=coverage.scores.round(3), x=coverage.locators, y=labels, customdata=coverage.raw.round(3),
        colorscale="Blues", zmin=min(0.0, float(coverage.scores.min())), zmax=max(0.5, float(coverage.scores.max())),
        colorbar=dict(title="score"),
        hovertemplate="%{y}<br>%{x}<br>score %{z:.3f} (raw cosine %{customdata:.3f})<extra></extra>"))
    if selected is not None:
        fig.add_hrect(y0=selected - 1.5, y1=selected - 0.5, line_width=2, line_color="#d32f2f")
    fig.update_layout(height=520, margin=dict(l=10, r=10, t=10, b=40),
                      yaxis=dict(autorange="reversed"), xaxis=dict(title="article paragraph", tickangle=0))
    return fig
