"""The entities on the search page: facets (the entities the results name most, with counts; a
click filters the search to passages naming one, `ent=` in the URL), the filter in force with a
way out, and the names each hit mentions."""

import streamlit as st

from explorer.analysis.entities import NAME_TYPES, TYPE_LABELS
from explorer.links.entities import EntitiesState
from explorer.links.search import SearchState, with_changes
from ui import url_state
from ui.common import md_escape

FACETS = 12


def _go(state: SearchState) -> None:
    url_state.write(state)


def entity_filter(index, state: SearchState) -> None:
    """The entity filter in force, its page, and a button that lifts it."""
    entity = index.get(state.ent)
    if entity is None:
        return
    row = st.container(horizontal=True, vertical_alignment="center", key="entity-filter")
    row.markdown(md_escape(f"Only passages naming {entity.name} ({len(entity.passages)} passages)."), width="content")
    row.page_link("pages/entities.py", label=md_escape(f"About {entity.name}"), icon=":material/groups:",
                  query_params={**EntitiesState(e=entity.id).to_params(), **url_state.shared_params()}, width="content")
    row.button("Every passage", icon=":material/close:", key="entity-filter-off", type="tertiary", width="content",
               on_click=_go, args=(with_changes(state, ent="", p=""),))


def facets(index, result, state: SearchState) -> None:
    """The people, organisations and places these results name most, with how many results name each."""
    top = index.top([h.passage.id for h in result.hits], n=FACETS, types=NAME_TYPES)
    if not top:
        return
    st.markdown("**Named in these results** (a click keeps only the passages naming it)")
    row = st.container(horizontal=True, key="entity-facets", gap="small")
    for entity, count in top:
        label = f"{entity.name} · {count}"
        row.button(md_escape(label), key=f"facet-{entity.id}", width="content",
                   help=md_escape(f"{TYPE_LABELS.get(entity.type, entity.type)}: named in {count} of these results"),
                   type="primary" if entity.id == state.ent else "secondary",
                   on_click=_go, args=(with_changes(state, ent=entity.id, p=""),))


def names_of(index):
    """passage id -> the names that passage mentions (for each hit's card)."""
    return lambda passage_id: [e.name for e in index.in_passage(passage_id) if e.type in NAME_TYPES]
