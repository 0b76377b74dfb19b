"""/timeline: the timeline of any collection's events, a thin function of its URL (from, to,
type, event, currency): extracted events marked as such, the reviewed ones, the curated ones a
story ships."""

import streamlit as st

from ui import url_state
from ui import timeline_page as view
from ui.common import md_escape, show_notices
from ui.frame import run_page


def render() -> None:
    story, timeline, events, periods = view.context()
    state, notices = url_state.read(view.parser(events, view.all_ids(timeline)))
    view.show_state(state, periods)

    st.title(md_escape(story.info.label("timeline_title", "Timeline")))
    st.caption(md_escape(story.info.label(
        "timeline_caption", "The dated events stated in this collection's documents: each sentence that says "
        "something happened on a date, with its source passage. The same event reported by several documents is "
        "one event with several sources. Click a point (or pick an event below) to see where it is stated.")))
    st.markdown(f":orange-badge[extracted] {md_escape(timeline.counts_sentence())}"
                + ("" if story.writable else " · this story is read-only: its reviewed events ship with it"))
    show_notices(notices)
    if not len(events) and not timeline.events:
        st.info("No dated events were found in this collection's documents yet.")
    view.filters(events, periods)
    view.render_view(story, timeline, events, state)


run_page("timeline", render)
