"""Rendering for the search page: controls bound to the URL, result cards, the opened passage,
citation, exports and the empty state.

The URL is the state, through ui.url_state: the URL is parsed into a SearchState, the widgets
show it, and every control's callback writes the new state back, so the address bar always
equals the view. Corpus and query text only reach
the page escaped: through explorer.search.highlight.to_html / html.escape inside st.html, md_escape
inside markdown, or st.code.
"""

import html

import streamlit as st

from explorer import export
from explorer.citation import citation, matched_quote
from explorer.search.engine import MAX_K, MODES, Result
from explorer.search.highlight import highlight_spans, snippet_window, to_html
from explorer.links import first, view_of
from explorer.links.search import SearchState, parse_search, with_changes
from explorer.story.passages import KIND_LABELS, KINDS
from explorer.search.query import parse_query
from explorer.links.pages import BY_PATH
from explorer.views import search as search_data
from ui import notebook_view, url_state
from ui.common import copy_button, md_escape, show_html
from ui.print_view import print_hint, printable

MODE_LABELS = {"hybrid": "Hybrid", "semantic": "Semantic", "keyword": "Keyword"}
ALL_DOCUMENTS = "All documents"
WIDGET_NOTICES = "_search_widget_notices"
CARD_CSS = """
<style>
.hit-head { font-size: 1.02rem; margin-bottom: .15rem; }
.hit-head .loc { font-weight: 600; color: #1f4e8c; text-decoration: none; }
.hit-head a.loc:hover { text-decoration: underline; }
.hit-head .score, .hit-meta { color: #666; font-size: .85rem; }
.hit-why { color: #555; font-size: .85rem; margin: .1rem 0 .35rem; }
.ctx-label { color: #888; font-size: .8rem; margin-top: .5rem; }
.ctx-label a.loc { color: #1f4e8c; text-decoration: none; } .ctx-label a.loc:hover { text-decoration: underline; }
.passage.opened { border-left: 4px solid #6c9bd2; padding-left: .6rem; }
.badge { font-size: .75rem; padding: .05rem .4rem; border-radius: .6rem; background: #eef1f5; color: #333; }
.badge.kind-event { background: #e8f4ea; } .badge.kind-factcheck { background: #fdf0e1; }
.badge.kind-principle { background: #e6f0ff; } .badge.kind-document { background: #f3e8fb; }
</style>
"""


# Inside a column Streamlit's pills scroll sideways in one line; on a phone that hid "Fact-checks"
# past the screen's edge. They wrap instead, like the timeline's period pills.
CONTROLS_CSS = """<style>
.st-key-kind [data-testid="stButtonGroup"] > div { flex-wrap: wrap; overflow-x: visible; }
</style>"""


# --- URL <-> widgets ---------------------------------------------------------------------

def parser(engine, config, entity_exists=None):
    """The search page's URL parser, bound to this index's documents and passages (and the
    story's entities, for `ent`)."""
    return lambda params: parse_search(params, engine.document_ids, engine.has_passage, config.max_query_chars,
                                       entity_exists)


def show_state(state: SearchState) -> None:
    url_state.show_in_widgets({"q": state.q, "mode": state.mode, "k": state.k, "doc": state.doc,
                               "kind": list(state.kind), "since": state.since.isoformat() if state.since else "",
                               "until": state.until.isoformat() if state.until else ""})


def go(state: SearchState) -> None:
    url_state.write(state)


def _from_widgets() -> None:
    """The widgets' values go through the same parser as a URL, so a bad typed date gets the
    same notice a bad link gets."""
    from ui import loaders

    ss = st.session_state
    raw = {"q": ss["q"] or "", "mode": ss["mode"] or MODES[0], "k": str(int(ss["k"] or 1)), "doc": ss["doc"] or "",
           "kind": ",".join(ss["kind"] or ()), "from": (ss.get("since") or "").strip(),
           "to": (ss.get("until") or "").strip(), "p": first(url_state.current_params(), "p") or "",
           "ent": first(url_state.current_params(), "ent") or ""}
    state, notices = parser(loaders.engine(url_state.collection()), loaders.config())(raw)
    ss[WIDGET_NOTICES] = notices
    go(state)


def _open(state: SearchState, passage_id: str) -> None:
    go(with_changes(state, p=passage_id))


def _ask(question: str) -> None:
    go(SearchState(q=question))


def controls(engine, titles: dict[str, str], max_chars: int) -> None:
    top = st.columns([6, 3.2, 1.6, 3], vertical_alignment="bottom")
    # No max_chars on the widget: the browser would drop a longer paste whole. The parser cuts it
    # to the limit with the same notice a long URL gets.
    top[0].text_input("Search", key="q", on_change=_from_widgets,
                      placeholder='A question, a name, a figure, or "an exact phrase"',
                      help=f"Up to {max_chars:,} characters: longer text is cut there, with a notice.")
    top[1].radio("Mode", MODES, key="mode", format_func=MODE_LABELS.get, horizontal=True,
                 on_change=_from_widgets)
    top[2].number_input("Show", min_value=1, max_value=MAX_K, step=1, key="k", on_change=_from_widgets,
                        help=f"How many passages to show (1 to {MAX_K}).")
    top[3].selectbox("Document", ["", *engine.document_ids], key="doc", on_change=_from_widgets,
                     format_func=lambda d: titles.get(d, d) if d else ALL_DOCUMENTS)
    st.html(CONTROLS_CSS)
    present = [k for k in KINDS if k in {p.kind for p in engine.passages}]
    row = st.columns([6, 1.6, 1.6], vertical_alignment="bottom")
    row[0].pills("Kinds", present, key="kind", selection_mode="multi", format_func=KIND_LABELS.get,
                 on_change=_from_widgets, help="Only these kinds of passage (none chosen: every kind).")
    row[1].text_input("Dated from", key="since", placeholder="YYYY-MM-DD", on_change=_from_widgets,
                      help="Only passages dated in this range (events, documents that declare a date); press Enter.")
    row[2].text_input("Dated to", key="until", placeholder="YYYY-MM-DD", on_change=_from_widgets,
                      help="Only passages dated in this range; press Enter.")
    for message in st.session_state.pop(WIDGET_NOTICES, []):
        st.warning(md_escape(message), icon="⚠️")


# --- searching ---------------------------------------------------------------------------

def run_search(engine, state: SearchState, passages=None) -> tuple[Result, dict]:
    """The rows to show (exactly k) and those hits by id (an opened passage among them keeps its
    best-sentence highlight; any other opened passage gets its query terms highlighted).
    `passages`: the ids the entity filter keeps (None: every passage)."""
    return search_data.run(engine, state, passages)


def export_files(result: Result, documents: dict) -> dict[str, tuple[str, bytes, str]]:
    """What the download buttons offer: the rows shown, as CSV and as JSON, each row with its
    citation and permalink, and the index's build id and time."""
    base, keep = url_state.base_url(), url_state.shared_params()
    return {
        "CSV": (export.filename(result.query, "csv"), export.to_csv(result, base, documents, extra=keep), "text/csv"),
        "JSON": (export.filename(result.query, "json"), export.to_json(result, base, documents, extra=keep),
                 "application/json"),
    }


# --- rendering ---------------------------------------------------------------------------

def examples(questions) -> None:
    """The story's example questions (its story.json), each one click from its search."""
    if not questions:
        return
    st.markdown("#### Try a question")
    st.caption("Questions a reporter might ask about this story. Each one runs a search.")
    cols = st.columns(2)
    for i, question in enumerate(questions):
        cols[i % 2].button(md_escape(question), key=f"example-{i}", on_click=_ask, args=(question,),
                           use_container_width=True)


def query_notices(state: SearchState, vocab) -> None:
    """What the view says about the query itself (only very common words; not English), each
    with the query to try instead when there is one."""
    for i, notice in enumerate(search_data.query_notices(state, vocab)):
        st.info(md_escape(notice.text), icon=":material/translate:" if notice.kind == "language" else None)
        if notice.query:
            row = st.container(horizontal=True, vertical_alignment="center", gap="small", key=f"query-notice-{i}")
            row.markdown("Try", width="content")
            row.button(md_escape(notice.query), key=f"query-notice-link-{i}", type="tertiary",
                       icon=":material/search:", on_click=go, args=(with_changes(state, q=notice.query, p=""),),
                       width="content", help="Search with these words of the sources")


def did_you_mean(state: SearchState, vocab, engine=None) -> None:
    """The same search with misspelt words replaced by the corpus's nearest words, one click away.

    A link-styled button rather than st.page_link: a page link to the page already open reruns it
    with the new query but leaves the old one in the address bar, and the address bar must always
    equal the view (the button's callback writes the new state through url_state)."""
    suggestion = search_data.did_you_mean(state, vocab, engine)
    if suggestion is None:
        return
    row = st.container(horizontal=True, vertical_alignment="center", gap="small", key="did-you-mean")
    row.markdown("Did you mean", width="content")
    row.button(md_escape(suggestion), key="did-you-mean-link", type="tertiary", icon=":material/spellcheck:",
               on_click=go, args=(with_changes(state, q=suggestion, p=""),), width="content",
               help="Search again with these words, which the sources use")


def results(result: Result, state: SearchState, documents: dict, frameworks=(), engine=None, names_of=None) -> None:
    """The result cards; the opened passage (state.p) unfolds under its own card when `engine` is given;
    `names_of(passage id)` gives the names a hit mentions."""
    for message in result.notes:
        st.info(md_escape(message))
    if result.hint:
        st.info(md_escape(result.hint))
    if not result.hits:
        return
    noun = "passage" if len(result.hits) == 1 else "passages"
    st.markdown(f"**{len(result.hits)} {noun}** · {MODE_LABELS[result.mode]} search")
    row = st.container(horizontal=True)
    for label, (name, data, mime) in export_files(result, documents).items():
        row.download_button(md_escape(label), icon=":material/download:", help=md_escape(f"Download these {len(result.hits)} rows as {label}"), data=data, file_name=name, mime=mime,
                               key=f"download-{label.lower()}", on_click="ignore", width="content")
    for hit in result.hits:
        with st.container(border=True):
            show_html(CARD_CSS + hit_card(hit))
            names = names_of(hit.passage.id) if names_of else []
            if names:
                st.caption(md_escape("Names: " + " · ".join(names)))
            opened = hit.passage.id == state.p
            row = st.container(horizontal=True, vertical_alignment="center")
            row.button(md_escape(f"Open {hit.passage.locator}") + (" (open)" if opened else ""),
                       key=f"open-{hit.passage.id}", on_click=_open, args=(state, hit.passage.id),
                       type="primary" if opened else "secondary", width="content")
            view_link(row, hit.passage, frameworks)
            if opened and engine is not None:  # in place, under its hit: where the reader is, on any screen
                passage_view(engine, state, {h.passage.id: h for h in result.hits}, documents)


def view_link(container, passage, frameworks) -> None:
    """For an event, a fact-check, a principle or a framework item: a link to its own view."""
    page, params = view_of(passage, frameworks)
    if page == "search":
        return
    target = BY_PATH[page]
    container.page_link(target.script, label=md_escape(f"Open in {target.label}"), icon=target.icon,
                        query_params={**params, **url_state.shared_params()}, width="content")


def paragraph_link(passage_id: str) -> str:
    """The paragraph's permalink: its document read whole, scrolled to it (the reading page)."""
    return url_state.link("read", {"p": passage_id}, lead="p")


def hit_card(hit, snippet: bool = True, role: str = "result") -> str:
    """Escaped HTML for one result: title, locator (a link to the paragraph in its whole document),
    score, why it matched, highlighted snippet."""
    p, why = hit.passage, hit.why
    e = html.escape
    locator = (f'<a class="loc" href="{e(paragraph_link(p.id), quote=True)}" '
               f'title="Read it in the whole document">{e(p.locator)}</a>')
    parts = [f'<div class="hit {e(role)}" data-passage="{e(p.id)}"><div class="hit-head"><span class="rank">{hit.rank}.</span> '
             f'<span class="badge kind-{e(p.kind)}">{e(KIND_LABELS.get(p.kind, p.kind))}</span> <b>{e(p.title)}</b> · '
             f'{locator} · <span class="score">score {hit.score:.3f}</span></div>']
    if p.section:
        parts.append(f'<div class="hit-meta">{e(p.section)}</div>')
    parts.append(f'<div class="hit-why">Why it matched: {e(why.get("summary", ""))}</div>')
    if snippet:
        text = p.text
        parts.append(f'<div class="passage">{to_html(text, hit.highlights, *snippet_window(text, hit.highlights))}</div>')
    return "".join(parts) + "</div>"


def passage_view(engine, state: SearchState, hits_by_id: dict, documents: dict) -> None:
    """The opened passage in context, highlighted, with citation, link and more like this."""
    passage = engine.passage(state.p)
    with printable():
        _passage_body(engine, state, passage, hits_by_id, documents)

    st.markdown("#### More like this")
    st.caption("The passages nearest in meaning to this one.")
    for hit in engine.more_like_this(passage.id, k=5):
        with st.container(border=True):
            show_html(CARD_CSS + hit_card(hit, role="similar"))
            st.button(md_escape(f"Open {hit.passage.locator}"), key=f"similar-{hit.passage.id}",
                      on_click=_open, args=(state, hit.passage.id))


def _passage_body(engine, state: SearchState, passage, hits_by_id: dict, documents: dict) -> None:
    """What a printout of the passage holds: heading, the passage in context, citation, link."""
    head = st.container(horizontal=True, vertical_alignment="center")
    head.markdown(f"### {md_escape(passage.locator)} in context", width="stretch")
    head.page_link("pages/read.py", label=md_escape(f"Read {passage.locator} in the whole document"),
                   icon=":material/article:", query_params={"p": passage.id, **url_state.shared_params()},
                   width="content")
    head.button("Close", icon=":material/close:", key="close-passage", on_click=go,
                   args=(with_changes(state, p=""),), width="content")
    st.markdown(f"**{md_escape(passage.title)}**")
    if passage.section:
        st.caption(md_escape(f"Section: {passage.section}"))
    query = parse_query(state.q) if state.q else None
    fragments = []
    for item in engine.context(passage.id, 1, 1):
        if item.id == passage.id and passage.id in hits_by_id:
            spans = hits_by_id[passage.id].highlights
        else:
            spans = highlight_spans(item.text, query.shown_terms, query.phrases, None) if query else []
        kind = "opened" if item.id == passage.id else "context"
        label = f"{item.locator} (opened)" if item.id == passage.id else f"{item.locator}"
        if item.section != passage.section and item.section:
            label += f" · {item.section}"
        fragments.append(f'<div class="ctx-label"><a class="loc" href="{html.escape(paragraph_link(item.id), quote=True)}" '
                         f'title="Read it in the whole document">{html.escape(label)}</a></div>'
                         f'<div class="passage {kind}" data-passage="{html.escape(item.id)}">{to_html(item.text, spans)}</div>')
    show_html(CARD_CSS + "".join(fragments))

    link = url_state.link("search", state.to_params())
    permalink = url_state.link("search", SearchState(q=state.q, p=passage.id).to_params(), lead="p")
    cited = citation(passage, documents.get(passage.doc), permalink, quote=quote_of(passage, hits_by_id))
    st.markdown("**Citation** (quote, source, permalink and access date)")
    copy_button(cited, "Copy citation")
    st.code(cited, language=None, wrap_lines=True)
    notebook_view.passage_controls(passage, cited, state.q)
    st.markdown("**Copy link** to this exact view")
    st.code(link, language=None, wrap_lines=True)
    print_hint()


# --- helpers -----------------------------------------------------------------------------

def quote_of(passage, hits_by_id: dict) -> str | None:
    """What a citation quotes: the sentence that matched the query, else (None) the whole passage."""
    hit = hits_by_id.get(passage.id)
    return matched_quote(passage, hit.highlights if hit else None)


def titles_of(engine) -> dict[str, str]:
    return {p.doc: p.title for p in engine.passages}
