"""Small rendering helpers every page shares: escaping, links, notices and notes, safe HTML.

Corpus and user text reach the page only through these: `md_escape` inside markdown,
`md_link` for a link, `md_url` for a URL a reader copies, `show_html` for HTML that explorer.search.highlight.to_html already escaped.
"""

import json
import re
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

_MARKDOWN_SPECIALS = set("\\`*_{}[]()<>#+-.!|$~:&")
# GFM turns bare URLs, www. names and e-mail addresses into links after escapes are resolved, so
# escaping cannot stop it: an invisible WORD JOINER splits "://", "www." and "@" instead.
_AUTOLINK_SEAMS = re.compile(r"(?i)(?<=:)(?=/)|(?<=www)(?=\.)|(?<=@)")
WORD_JOINER = "\u2060"
_SETEXT_LINE = re.compile(r"(?m)^([ \t]*)=")
UNCONFIRMED_MARK = "UNCONFIRMED"
OPEN_STATUSES = ("unconfirmed", "disputed")


def md_escape(text) -> str:
    """The one way to show text we did not write (URL values, queries, uploaded files, corpus
    records) in anything Streamlit renders as markdown (st.markdown, captions, alerts, toasts,
    titles, labels, help): no markup, no directives, no LaTeX, no HTML, and no auto-link.

    tests/test_no_markup_injection.py fails when such a call gets text that did not pass here."""
    text = _AUTOLINK_SEAMS.sub(WORD_JOINER, str(text))
    escaped = "".join("\\" + c if c in _MARKDOWN_SPECIALS else c for c in text)
    return _SETEXT_LINE.sub(r"\1\\=", escaped)  # "===" under a line would make it a heading


def safe_url(url: str) -> str:
    """A URL that cannot break out of a markdown link: spaces, brackets and quotes percent-encoded."""
    return quote(str(url), safe=":/?&=#%;+,@!~*.-_")


def md_link(label: str, url: str) -> str:
    """A markdown link with an escaped label; only http(s) URLs become links."""
    if not str(url).startswith(("http://", "https://")):
        return md_escape(label)
    return f"[{md_escape(label)}]({safe_url(url)})"


def md_url(url: str) -> str:
    """A URL shown so that it pastes: a link whose label is the URL itself in a code span (a code
    span is never auto-linked, so it needs no word joiners, and copying it copies the URL) and
    whose href is the same URL, percent-encoded where it could break the link. Only an http(s)
    URL becomes a link; anything else is shown as code, never live."""
    shown = safe_url(url).replace("`", "%60")
    if not str(url).startswith(("http://", "https://")):
        return f"`{shown}`"
    return f"[`{shown}`]({shown})"


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
    """Render HTML built by explorer.search.highlight.to_html (already escaped) with the page's CSS."""
    st.html(HIGHLIGHT_CSS + fragment)


COPY_BUTTON = """<!doctype html><html><body style="margin:0;font-family:sans-serif">
<button id="copy" type="button" aria-label="{label}" style="font:inherit;font-size:14px;padding:6px 12px;
 border:1px solid #1f5fa8;border-radius:6px;background:#fff;color:#1f5fa8;cursor:pointer">{label}</button>
<span id="done" role="status" style="margin-left:8px;font-size:13px;color:#2e7d32"></span>
<script>
const text = {payload};
document.getElementById("copy").addEventListener("click", async () => {{
  try {{ await navigator.clipboard.writeText(text); document.getElementById("done").textContent = "Copied."; }}
  catch (e) {{ document.getElementById("done").textContent = "Copy failed: select the text below and copy it."; }}
}});
</script></body></html>"""


def copy_button(text: str, label: str) -> None:
    """A real button (reachable with Tab, pressed with Enter or Space) that copies `text`.

    Streamlit's own copy icon on st.code appears only on mouse hover, so keyboard users could not
    reach it. The text goes into the script as a JSON string with "<" escaped, so it can never
    close the script or add markup; the label is fixed by the caller, escaped all the same."""
    import html

    import streamlit.components.v1 as components

    payload = json.dumps(text).replace("<", "\\u003c")
    components.html(COPY_BUTTON.format(label=html.escape(label), payload=payload), height=40)
