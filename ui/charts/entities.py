"""Charts of one entity: the entities named with it, as a star (the entity in the middle, its
neighbours around it, a line's width its shared passages: at most 15, so it never becomes a
hairball), and its mentions over time."""
import math

import plotly.graph_objects as go

from explorer.analysis.entities import TYPE_LABELS

COLOURS = {"person": "#1f77b4", "organisation": "#d62728", "place": "#2ca02c", "money": "#9467bd",
           "percent": "#8c564b", "date": "#7f7f7f"}
MAX_NEIGHBOURS = 15


def star(entity, neighbours: list) -> go.Figure:
    """`neighbours`: [(Entity, shared passages)], best first; only the first MAX_NEIGHBOURS drawn."""
    shown = neighbours[:MAX_NEIGHBOURS]
    fig = go.Figure()
    most = max((n for _, n in shown), default=1)
    for i, (other, count) in enumerate(shown):
        angle = 2 * math.pi * i / max(1, len(shown)) + math.pi / 2
        x, y = math.cos(angle), math.sin(angle)
        fig.add_trace(go.Scatter(x=[0, x], y=[0, y], mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"width": 1 + 7 * count / most, "color": "#b8c4d6"}))
        fig.add_trace(go.Scatter(
            x=[x], y=[y], mode="markers+text", text=[f"{_plain(other.name)} ({count})"], showlegend=False,
            textposition="top center" if y >= 0 else "bottom center",
            marker={"size": 12 + 10 * count / most, "color": COLOURS.get(other.type, "#999")},
            hovertemplate=f"{_plain(other.name)}<br>{TYPE_LABELS.get(other.type, other.type)}: named together in "
                          f"{count} passage{'s' if count != 1 else ''}<extra></extra>"))
    fig.add_trace(go.Scatter(x=[0], y=[0], mode="markers+text", text=[_plain(entity.name)], textposition="middle center",
                             marker={"size": 34, "color": COLOURS.get(entity.type, "#999"), "opacity": 0.25},
                             textfont={"size": 15}, showlegend=False, hoverinfo="skip"))
    fig.update_layout(height=520, margin={"l": 10, "r": 10, "t": 40, "b": 10}, plot_bgcolor="white",
                      title=f"Named in the same passages as {_plain(entity.name)} (top {len(shown)}; line width: passages shared)",
                      xaxis={"visible": False, "range": [-1.6, 1.6]}, yaxis={"visible": False, "range": [-1.35, 1.35]})
    return fig


def over_time(entity, counts: list[tuple[str, int]]) -> go.Figure:
    """Mentions per date of their passages (the document's date, or an event's)."""
    fig = go.Figure(go.Bar(x=[d for d, _ in counts], y=[n for _, n in counts],
                           marker={"color": COLOURS.get(entity.type, "#999")},
                           hovertemplate="%{x}: %{y} mentions<extra></extra>"))
    fig.update_layout(height=300, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      title=f"Mentions of {_plain(entity.name)} by date of their passage", xaxis={"type": "category"},
                      yaxis={"title": "mentions", "rangemode": "tozero"})
    return fig


def _plain(text: str) -> str:
    """Plotly hover text is HTML: only escaped text goes in."""
    import html

    return html.escape(text)
