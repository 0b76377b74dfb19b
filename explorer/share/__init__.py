"""Sharing a view: its link preview (title and description for the og: tags) and its JSON twin.

Both start from the page's own URL parser (explorer.links) and the same core calls the page
makes (explorer.citation for quotes and citations, the engine for rows), so a preview, the
JSON twin and the page agree. Pure: no streamlit, no web framework; the server (serving/) asks
a `Source` for what is loaded and turns these into HTML tags and HTTP responses.
"""
