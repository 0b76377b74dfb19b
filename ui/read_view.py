"""Rendering for the reading page: a document whole, paragraph by paragraph, each paragraph's
locator a link to itself (its permalink), the marked paragraph scrolled to, with its citation.

Document text reaches the page only escaped (html.escape inside st.html, md_escape in markdown).
The one script (SCROLL) is a constant: it carries no text from the document or the URL, it only
scrolls to the element the page itself marked.
"""

import html

import streamlit as st

from explorer.citation import citation
from explorer.links.read import ReadState
from ui import url_state
from ui.common import copy_button, md_escape, md_url, show_html

CSS = """<style>
.reader { max-width: 46rem; }
.reader .para { margin: 0 0 .9rem; line-height: 1.65; scroll-margin-top: 5rem; }
.reader .para .loc { font-size: .8rem; font-weight: 600; color: #1f4e8c; margin-right: .45rem;
  text-decoration: none; white-space: nowrap; }
.reader .para .loc:hover { text-decoration: underline; }
.reader .para.marked { background: #fff6d6; border-left: 4px solid #e0a800; padding: .3rem .6rem; }
.reader h4.sec { font-size: 1.05rem; margin: 1.3rem 0 .5rem; color: #333; }
</style>"""
SCROLL = """<script>
(function () {
  var el = document.querySelector('.reader .para.marked');
  if (el) { el.scrollIntoView({block: "start"}); }
})();
</script>"""


def go(state: ReadState) -> None:
    url_state.write(state)


def _choose() -> None:
    go(ReadState(doc=st.session_state.get("read_doc") or ""))


def choose_document(doc: str, titles: dict[str, str]) -> None:
    """The document picker, bound to the URL (`doc`)."""
    if st.session_state.get("read_doc") != doc:
        st.session_state["read_doc"] = doc
    st.selectbox("Document", list(titles), key="read_doc", format_func=lambda d: titles.get(d, d), on_change=_choose)


def document_facts(document) -> None:
    """Title, outlet, date and source link of the document (what a citation names)."""
    if document is None:
        return
    facts = [f for f in (document.outlet or document.publisher, document.date) if f]
    if facts:
        st.caption(md_escape(" · ".join(facts)))
    if document.source_url:
        st.markdown("Source: " + md_url(document.source_url))


def paragraph_html(row: dict, marked: bool) -> str:
    e = html.escape
    return (f'<div class="para{" marked" if marked else ""}" data-passage="{e(row["id"])}">'
            f'<a class="loc" href="{e(row["permalink"], quote=True)}" title="Link to this paragraph">'
            f'{e(row["locator"])}</a><span class="text">{e(row["text"])}</span></div>')


def body(rows: list[dict], section: str = "") -> tuple[str, str]:
    """Escaped HTML of consecutive paragraphs, a heading where the section changes; returns
    (html, the last section)."""
    parts = []
    for row in rows:
        if row["section"] and row["section"] != section:
            parts.append(f'<h4 class="sec">{html.escape(row["section"])}</h4>')
        section = row["section"]
        parts.append(paragraph_html(row, False))
    return "".join(parts), section


def document(data: dict, passage_of, document_record) -> None:
    """The document whole; the marked paragraph highlighted, scrolled to, and followed by its citation."""
    rows, marked = data["paragraphs"], data["marked"]
    at = next((i for i, row in enumerate(rows) if row["id"] == marked), None)
    if at is None:
        show_html(CSS + f'<div class="reader">{body(rows)[0]}</div>')
        return
    before, section = body(rows[:at])
    row = rows[at]
    heading = f'<h4 class="sec">{html.escape(row["section"])}</h4>' if row["section"] and row["section"] != section else ""
    if before:
        show_html(CSS + f'<div class="reader">{before}</div>')
    st.html(CSS + f'<div class="reader">{heading}{paragraph_html(row, True)}</div>' + SCROLL,
            unsafe_allow_javascript=True)
    cited = citation(passage_of(row["id"]), document_record, row["permalink"])
    with st.container(border=True, key="read-citation"):
        st.markdown(md_escape(f"Citation of {row['locator']}") + " (quote, source, link to this paragraph, access date)")
        copy_button(cited, "Copy citation")
        st.code(cited, language=None, wrap_lines=True)
        st.page_link("pages/search.py", label="Search from this paragraph", icon=":material/search:",
                     query_params={"p": row["id"], **url_state.shared_params()})
    after, _ = body(rows[at + 1:], row["section"])
    if after:
        show_html(CSS + f'<div class="reader">{after}</div>')
