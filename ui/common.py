"""Small rendering helpers every page shares: escaping, links, notices and notes, safe HTML.

Corpus and user text reach the page only through these: `md_escape` inside markdown,
`md_link` for a link, `show_html` for HTML that explorer.highlight.to_html already escaped.
"""

from urllib.parse import quote

import streamlit as st

HIGHLIGHT_CSS = """
<style>
mark { background: #ffe58a; color: inherit; padding: 0 .1em; border-radius: 2px; }
.best { background: #e6f0ff; border-bottom: 2px solid #6c9bd2; }
.passage { line-height: 1.6; font-size: 1rem; }
.passage.context { color: #666; font-size: .95rem; }
</style>
"""

_MARKDOWN_SPECIALS = set("\\`*_{}[]()<>#+-.!|$~:")
UNCONFIRMED_MARK = "UNCONFIRMED"
OPEN_STATUSES = ("unconfirmed", "disputed")


def md_escape(text) -> str:
    """Text safe to place inside st.markdown/st.caption/labels: no markup, no LaTeX, no HTML."""
    return "".join("\\" + c if c in _MARKDOWN_SPECIALS else c for c in str(text))


def safe_url(url: str) -> str:
    """A URL that cannot break out of a markdown link: spaces, brackets and quotes percent-encoded."""
    return quote(str(url), safe=":/?&=#%;+,@!~*.-_")


def md_link(label: str, url: str) -> str:
    """A markdown link with an escaped label; only http(s) URLs become links."""
    if not str(url).startswith(("http://", "https://")):
        return md_escape(label)
    return f"[{md_escape(label)}]({safe_url(url)})"


def show_notices(notices: list[str]) -> None:
    for message in notices:
        st.warning(md_escape(message), icon="⚠️")


def show_note(note: str, status: str = "") -> None:
    """A record's note: a warning when it marks something UNCONFIRMED or the status is open, else a caption."""
    if not note and status not in OPEN_STATUSES:
        return
    if UNCONFIRMED_MARK in (note or "") or status in OPEN_STATUSES:
        st.warning(md_escape(note or f"Status: {status}"), icon="⚠️")
    else:
        st.caption(md_escape(note))


def show_html(fragment: str) -> None:
    """Render HTML built by explorer.highlight.to_html (already escaped) with the page's CSS."""
    st.html(HIGHLIGHT_CSS + fragment)
