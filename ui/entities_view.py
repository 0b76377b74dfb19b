"""Rendering for the entities page: the list of a story's entities by type and frequency (with its
CSV), and one entity's view: its mentions in context with citations, the entities named with it
(a table and a star chart), its mentions over time, and, in a story people can write to, the
merge, rename and hide controls (the reviewed layer; the derived layer is never edited).

Document text reaches the page only escaped: html.escape (through to_html) inside st.html,
md_escape inside markdown, st.code for citations."""

import csv
import html
import io

import streamlit as st

from explorer.analysis.entities import LAYER, TYPE_LABELS, TYPES
from explorer.citation import citation
from explorer.links.entities import EntitiesState
from explorer.links.search import SearchState
from explorer.search.highlight import snippet_window, to_html
from ui import url_state
from ui.chart_box import chart_box
from ui.common import md_escape, show_html

MAX_MENTIONS = 60  # mentions shown in context on one entity's view (the JSON twin has them all)
AUTHOR = "entity-author"
CSS = """<style>
.ent-ctx { margin: .15rem 0 .2rem; } .ent-loc { color: #1f4e8c; font-weight: 600; font-size: .9rem; }
.ent-ctx mark, .ent-head mark { background: #ffe58a; } .ent-head { font-weight: 600; margin-top: .15rem; }
</style>"""


def go(state: EntitiesState) -> None:
    url_state.write(state)


def badge(index, story) -> None:
    """What is derived and what is reviewed, with counts."""
    reviewed = story.reviews.count(LAYER)
    st.caption(md_escape(f"{len(index.entities)} entities extracted from the documents (derived: found by "
                         f"spaCy's small English model and our rules; nothing here was typed by hand), "
                         f"{reviewed} reviewed decision{'s' if reviewed != 1 else ''} applied "
                         f"(merges, renames, hides)."))


def entity_rows(entities) -> list[dict]:
    """The list's rows, as the table and its CSV hold them."""
    return [{"name": e.name, "type": e.type, "mentions": e.count, "passages": len(e.passages),
             "aliases": " | ".join(a for a in e.aliases if a != e.name), "id": e.id} for e in entities]


def csv_of(rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["id", "name", "type", "mentions", "passages", "aliases"])
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def type_filter(state: EntitiesState) -> None:
    url_state.show_in_widgets({"entity-type": state.type or None})
    st.pills("Type", list(TYPES), key="entity-type", format_func=TYPE_LABELS.get, selection_mode="single",
             on_change=lambda: go(EntitiesState(type=st.session_state.get("entity-type") or "")),
             help="Only entities of this type (none chosen: every type).")


def entity_list(index, state: EntitiesState) -> None:
    entities = index.of_type(state.type or None)
    rows = entity_rows(entities)
    label = TYPE_LABELS.get(state.type, "entities").lower() if state.type else "entities"
    st.markdown(f"**{len(rows)} {md_escape(label)}**, most mentioned first")
    if not rows:
        st.info("No entities of this kind were found in this collection's documents.")
        return
    st.download_button("CSV", icon=":material/download:", data=csv_of(rows), mime="text/csv",
                       file_name=f"entities{'-' + state.type if state.type else ''}.csv", on_click="ignore",
                       help=md_escape(f"Download these {len(rows)} rows as CSV"), key="entities-csv")
    table = [{**r, "open": url_state.link("entities", EntitiesState(e=r["id"]).to_params())} for r in rows]
    st.dataframe(table, hide_index=True, width="stretch", key="entity-table",
                 column_order=["name", "type", "mentions", "passages", "aliases", "open"],
                 column_config={"open": st.column_config.LinkColumn("view", display_text="open"),
                                "mentions": st.column_config.NumberColumn(help="times the entity is written"),
                                "passages": st.column_config.NumberColumn(help="passages that name it")})
    st.markdown("Open one:")
    # Buttons, not page links: a page link to the page already open would leave the old address
    # in the bar, and the address bar must always equal the view.
    row = st.container(horizontal=True, gap="small", key="entity-open")
    for e in entities[:24]:
        row.button(md_escape(f"{e.name} ({e.count})"), key=f"open-{e.id}", type="tertiary", width="content",
                   on_click=go, args=(EntitiesState(e=e.id),))


def entity_view(index, story, engine, entity) -> None:
    head = st.container(horizontal=True, vertical_alignment="center")
    head.markdown(f"## {md_escape(entity.name)}", width="stretch")
    head.button("All entities", icon=":material/list:", key="entities-back", width="content",
                on_click=go, args=(EntitiesState(type=entity.type),))
    others = [a for a in entity.aliases if a != entity.name]
    st.markdown(md_escape(f"{TYPE_LABELS.get(entity.type, entity.type)[:-1] if entity.type != 'money' else 'Amount'}"
                          f" · {entity.count} mentions in {len(entity.passages)} passages")
                + (f" · also written: {md_escape(', '.join(others))}" if others else ""))
    if entity.merged_from:
        st.caption(md_escape(f"Reviewed: merged here from {', '.join(entity.merged_from)}."))
    st.page_link("pages/search.py", label="Search the passages that mention it", icon=":material/search:",
                 query_params={**SearchState(ent=entity.id).to_params(), **url_state.shared_params()})
    mentions_tab, neighbours_tab, time_tab = st.tabs(["Mentions", "Named with", "Over time"])
    with mentions_tab:
        mentions(entity, engine, story)
    with neighbours_tab:
        neighbours(index, entity)
    with time_tab:
        over_time(index, entity)
    if story.writable:
        review_controls(index, story, entity)


def mentions(entity, engine, story) -> None:
    """Each passage that names the entity, its mentions marked, with the citation to paste."""
    documents = {d.id: d for d in story.documents}
    by_passage: dict[str, list] = {}
    for m in entity.mentions:
        by_passage.setdefault(m.passage, []).append(m)
    shown = list(by_passage.items())[:MAX_MENTIONS]
    if len(by_passage) > MAX_MENTIONS:
        st.caption(md_escape(f"The first {MAX_MENTIONS} of {len(by_passage)} passages; the JSON twin lists them all."))
    for i, (pid, found) in enumerate(shown):
        if not engine.has_passage(pid):
            continue
        passage = engine.passage(pid)
        spans = [{"start": m.start, "end": m.end, "kind": "term"} for m in found if m.field != "section"]
        heading = [{"start": m.start, "end": m.end, "kind": "term"} for m in found if m.field == "section"]
        start, end = snippet_window(passage.text, spans)
        head_html = (f'<div class="ent-head">{to_html(passage.section, heading, 0, len(passage.section))}</div>'
                     if heading and passage.section else "")
        with st.container(border=True, key=f"mention-{i}"):
            show_html(CSS + f'<div class="ent-loc">{html.escape(passage.title)} · {html.escape(passage.locator)}</div>'
                      f'{head_html}<div class="ent-ctx passage" data-passage="{html.escape(pid)}">'
                      f'{to_html(passage.text, spans, start, end)}</div>')
            permalink = url_state.link("search", SearchState(p=pid, ent=entity.id).to_params(), lead="p")
            row = st.container(horizontal=True, vertical_alignment="center")
            row.page_link("pages/search.py", label=md_escape(f"Open {passage.locator} in context"),
                          icon=":material/open_in_new:", width="content",
                          query_params={**SearchState(p=pid, ent=entity.id).to_params(), **url_state.shared_params()})
            row.page_link("pages/read.py", label=md_escape(f"Read {passage.locator} in the whole document"),
                          icon=":material/article:", width="content",
                          query_params={"p": pid, **url_state.shared_params()})
            with row.popover("Citation", icon=":material/format_quote:", width="content"):
                st.code(citation(passage, documents.get(passage.doc), permalink), language=None, wrap_lines=True)


def neighbours(index, entity) -> None:
    found = index.neighbours(entity.id, n=50)
    if not found:
        st.info("No other entity is named in the same passages.")
        return
    from ui.charts.entities import MAX_NEIGHBOURS, star

    chart_box("entity-star").plotly_chart(star(entity, found), width="stretch", key="entity-star-chart",
                                          config={"displayModeBar": False})
    st.caption(md_escape(f"The {min(len(found), MAX_NEIGHBOURS)} entities named most often in the same passages; "
                         "the table lists up to 50."))
    st.dataframe([{"name": e.name, "type": e.type, "passages together": n,
                   "open": url_state.link("entities", EntitiesState(e=e.id).to_params())} for e, n in found],
                 hide_index=True, width="stretch", key="neighbour-table",
                 column_config={"open": st.column_config.LinkColumn("view", display_text="open")})


def over_time(index, entity) -> None:
    counts = index.over_time(entity.id)
    undated = entity.count - sum(n for _, n in counts)
    if not counts:
        st.info("None of the passages that mention it has a date (the document declares none).")
        return
    from ui.charts.entities import over_time as chart

    chart_box("entity-time").plotly_chart(chart(entity, counts), width="stretch", key="entity-time-chart",
                                          config={"displayModeBar": False})
    if undated:
        st.caption(md_escape(f"{undated} mentions are in passages without a date and are not drawn."))


def review_controls(index, story, entity) -> None:
    """Merge, rename, hide: decisions recorded with the author's name, never edits of the derived layer."""
    st.markdown("#### Review this entity")
    st.caption("Decisions are kept with your name and the time; the extracted entities are not changed, and a "
               "later decision can undo an earlier one.")
    author = st.text_input("Your name", key=AUTHOR, placeholder="Who decides")
    cites = sorted({m.doc for m in entity.mentions})
    same_type = [e for e in index.of_type(entity.type) if e.id != entity.id]
    cols = st.columns(3)
    with cols[0].form("merge-form", border=True):
        target = st.selectbox("Merge into", [e.id for e in same_type], key="merge-into",
                              format_func=lambda i: index.get(i).name if index.get(i) else i,
                              help="The same entity written another way: its mentions join the one chosen.")
        if st.form_submit_button("Merge", icon=":material/merge:") and target:
            _record(story, entity.id, "merge", {"into": target}, author, cites, EntitiesState(e=target))
    with cols[1].form("rename-form", border=True):
        name = st.text_input("Rename to", key="rename-to", value=entity.name)
        if st.form_submit_button("Rename", icon=":material/edit:"):
            _record(story, entity.id, "rename", {"name": name}, author, cites, EntitiesState(e=entity.id))
    with cols[2].form("hide-form", border=True):
        st.markdown("Not an entity (a junk extraction)?")
        if st.form_submit_button("Hide", icon=":material/visibility_off:"):
            _record(story, entity.id, "hide", {}, author, cites, EntitiesState(type=entity.type))
    if index.hidden:
        with st.expander(f"Hidden entities ({len(index.hidden)})"):
            for hidden in index.hidden.values():
                if st.button(md_escape(f"Show {hidden.name} again"), key=f"show-{hidden.id}"):
                    _record(story, hidden.id, "show", {}, author, [], EntitiesState(e=hidden.id))


def _record(story, subject, action, payload, author, cites, then: EntitiesState) -> None:
    from explorer.errors import ExplorerError

    try:
        story.reviews.record(LAYER, subject, action, payload, author, cites=cites)
    except ExplorerError as problem:
        st.error(md_escape(f"{problem.problem} {problem.fix or ''}"), icon="⚠️")
        return
    st.toast(md_escape(f"Recorded: {action}."))
    go(then)
    st.rerun()
