"""/principles: the 11 AI Access principles, what the article made of them, and other frameworks.

A thin function of its URL (principle, view, framework): parse, compute (once per index),
render. The coverage is the same core call as `python -m explorer compare`.
"""

import dataclasses

import streamlit as st

from explorer.links.principles import VIEWS, parse_principles
from ui import loaders, url_state
from ui.common import md_escape, show_notices
from ui.frame import curated_only, run_page
from ui.principles_claims import render_claims, render_frameworks
from ui.principles_views import render_coverage, render_matrix, render_principle_list

VIEW_LABELS = {"coverage": "Coverage", "matrix": "Matrix", "claims": "The article's claims", "frameworks": "Other frameworks"}
KEYS = {"view": "principles_view", "principle": "principles_principle", "framework": "principles_framework"}


def _parser(framework_ids: list[str]):
    return lambda params: parse_principles(params, framework_ids)


def _on_change(field: str) -> None:
    """A control changed: the URL gets the new value, the other parameters are kept."""
    data = loaders.principles()
    state, _ = _parser(data.framework_ids)(url_state.current_params())
    url_state.write(dataclasses.replace(state, **{field: st.session_state[KEYS[field]]}))


def render() -> None:
    if curated_only('principles'):
        return
    data = loaders.principles()
    state, notices = url_state.read(_parser(data.framework_ids))
    url_state.show_in_widgets({KEYS["view"]: state.view, KEYS["principle"]: state.principle,
                               KEYS["framework"]: state.framework})
    coverage = data.coverage

    st.title("Principles")
    st.caption("What Microsoft committed to on 2024-02-26, what the article made of it, and how it compares.")
    show_notices(notices)
    st.markdown(f"**{md_escape(coverage.summary())}**")

    titles = {p.number: p.title for p in coverage.principles}
    st.radio("View", VIEWS, key=KEYS["view"], horizontal=True, format_func=VIEW_LABELS.get,
             on_change=_on_change, args=("view",))
    st.selectbox("Principle", [None, *titles], key=KEYS["principle"], placeholder="None opened",
                 format_func=lambda n: "None opened" if n is None else f"P{n} · {titles[n]}",
                 on_change=_on_change, args=("principle",))

    if state.view == "coverage":
        render_coverage(coverage, state.principle)
    elif state.view == "matrix":
        render_matrix(coverage, data.similarity, state.principle)
    elif state.view == "claims":
        render_claims(data)
    else:
        render_frameworks(data, KEYS["framework"], lambda: _on_change("framework"))
    st.divider()
    render_principle_list(coverage, data.principles_doc, state.principle)


run_page("principles", render)
