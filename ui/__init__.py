"""Streamlit-side helpers shared by the pages. The core package `explorer` never imports these."""
