"""Plotly figure builders, the one chart layer: rows in, figure out (hover text is escaped HTML)."""
