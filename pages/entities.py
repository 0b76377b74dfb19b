"""/entities: a thin function of the URL (e, type): parse, load the story's entities, render.
Without `e`, every entity by type and frequency; with it, that entity's view."""

import streamlit as st

from explorer.links.entities import parse_entities
from ui import entities_view as view
from ui import loaders, url_state
from ui.common import md_escape, show_notices
from ui.frame import run_page


def render() -> None:
    collection = url_state.collection()
    st.title("People, organisations, places, amounts and dates")
    if not collection.read_only and not collection.documents:
        st.info(md_escape(f"The collection “{collection.title}” has no documents yet. Add some on the Add documents page."))
        return
    engine = loaders.engine(collection)
    story = loaders.story(collection)
    index = loaders.entity_index(collection)
    state, notices = url_state.read(lambda params: parse_entities(params, index.get))
    show_notices(notices)
    view.badge(index, story)
    entity = index.get(state.e) if state.e else None
    if entity is None:
        view.type_filter(state)
        view.entity_list(index, state)
    else:
        view.entity_view(index, story, engine, entity)


run_page("entities", render)
