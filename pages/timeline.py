"""/timeline: the investment timeline, a thin function of its URL (from, to, type, event, currency)."""

import streamlit as st

from ui import loaders, url_state
from ui import timeline_page as view
from ui.common import show_notices
from ui.frame import curated_only, run_page


def render() -> None:
    if curated_only('timeline'):
        return
    events = loaders.timeline()
    state, notices = url_state.read(view.parser(events))
    view.show_state(state)

    st.title("Investment timeline")
    st.caption("Microsoft's EUR 15M in Mistral AI, in context: Mistral's funding before and after, Microsoft's "
               "other commitments, product launches and the regulators' and politicians' reactions. Every point "
               "is sourced; click one (or pick it from the list below the timeline) to see its evidence.")
    show_notices(notices)
    view.filters()
    view.render_view(events, state)


run_page("timeline", render)
