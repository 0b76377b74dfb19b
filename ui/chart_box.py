"""A box for a Plotly chart that keeps the chart readable on a phone.

Plotly cannot reflow its text labels: squeezed to a 390 px screen, point labels pile onto each
other and axis labels are cut. Below 640 px the box gives its chart a readable width (620 px)
and scrolls sideways by itself, with a hint saying so; the page never scrolls sideways. On wider
screens nothing changes.
"""

import streamlit as st

PREFIX = "chart-box-"  # Streamlit gives a keyed container the class st-key-<key>
MIN_WIDTH = 620

CSS = f"""<style>
@media (max-width: 640px) {{
  [class*="st-key-{PREFIX}"] {{ overflow-x: auto; }}
  [class*="st-key-{PREFIX}"] > [data-testid="stElementContainer"] {{ min-width: {MIN_WIDTH}px; }}
  [class*="st-key-{PREFIX}"]::before {{ content: "Swipe the chart sideways to see all of it →";
    font-size: .8rem; color: #666; }}
}}
</style>"""


def chart_box(key: str):
    """A container to put one chart in (`chart_box(key).plotly_chart(...)`); `key` names the chart."""
    st.html(CSS)
    return st.container(key=PREFIX + key)
