"""Print: a passage, a principle or an event printed (or saved as PDF) as one clean page.

A view wraps what a printout should hold (the quote, the citation, the permalink, the sources)
in `printable()`. That injects a print stylesheet which, on paper only, hides everything that is
neither that block nor one of its ancestors: navigation, controls, buttons, the results list,
"more like this". On screen nothing changes. Streamlit scrolls its main area inside a
fixed-height box, which would print only the first screenful; the stylesheet lets it flow.
"""

import streamlit as st

PRINT_KEY = "print-view"  # Streamlit gives a keyed container the class st-key-<key>
_BLOCK = f".st-key-{PRINT_KEY}"

PRINT_CSS = f"""<style>
@media print {{
  @page {{ size: A4; margin: 14mm; }}
  body *:not(:has({_BLOCK})):not({_BLOCK}):not({_BLOCK} *) {{ display: none !important; }}
  {_BLOCK} button, {_BLOCK} iframe, {_BLOCK} [data-testid="stButton"], {_BLOCK} [data-testid="stPageLink"],
  {_BLOCK} [data-testid="stElementToolbar"], {_BLOCK} .print-hint,
  {_BLOCK} [data-testid="stElementContainer"]:has(> iframe, [data-testid="stButton"]), {_BLOCK} [data-testid="stCaptionContainer"]:has(.print-hint)
    {{ display: none !important; }}
  html, body, .stApp, [data-testid="stAppViewContainer"], [data-testid="stMain"], .stMain,
  [data-testid="stMainBlockContainer"] {{ height: auto !important; min-height: 0 !important;
    overflow: visible !important; position: static !important; }}
  [data-testid="stMainBlockContainer"] {{ padding: 0 !important; max-width: none !important; }}
  :has({_BLOCK}) {{ border: none !important; padding: 0 !important; margin: 0 !important;
    box-shadow: none !important; gap: .5rem !important; }}
  {_BLOCK} pre, {_BLOCK} code {{ white-space: pre-wrap !important; word-break: break-word; }}
  {_BLOCK} {{ zoom: .85; }}  /* a principle with both readings then fits one A4 page */
}}
</style>"""


def printable():
    """A container whose content is all a printout of this page shows; use it as `with printable():`.
    One per page: the first block a page marks is the one printed."""
    st.html(PRINT_CSS)
    return st.container(key=PRINT_KEY)


def print_hint() -> None:
    """Tell the reader that printing gives this block alone (the caption itself is not printed)."""
    st.caption('<span class="print-hint">Print or save as PDF (Ctrl+P, ⌘P on a Mac): one page with this '
               "quote, its citation, link and sources, without the rest of the page.</span>",
               unsafe_allow_html=True)
