"""/principles: the story's reference list (on the bundled story, the AI Access Principles), what
the article made of them, and other frameworks; and, in any collection, any document compared
with any reference set.

A thin function of its URL (principle, view, framework, doc, ref): parse, compute (once per
index), render. The coverage is the same core call as `python -m explorer compare`. In the
bundled story the curated views stay as they are and "Compare any document" is one more view; in
another collection the page is the comparison view alone (ui.compare_view).
"""

import dataclasses

import streamlit as st

from explorer.links.principles import VIEWS, parse_principles, story_choices
from ui import compare_view, loaders, url_state
from ui.common import md_escape, show_notices
from ui.frame import run_page
from ui.principles_claims import render_claims, render_frameworks
from ui.principles_views import render_coverage, render_matrix, render_principle_list

VIEW_LABELS = {"coverage": "Coverage", "matrix": "Matrix", "claims": "The article's claims",
               "frameworks": "Other frameworks", "compare": "Compare any document"}
KEYS = {"view": "principles_view", "principle": "principles_principle", "framework": "principles_framework",
        "doc": "principles_doc", "ref": "principles_ref"}
FRAMEWORK_KIND = "framework"


def _views() -> list[str]:
    from explorer.analysis.coverage.study import offered_views

    return offered_views(loaders.story(url_state.collection()))


def _parser():
    """The page's URL parser for the current collection: its documents, reference sets and views."""
    current = url_state.collection()
    views = _views()
    if "claims" in views:
        loaders.check_story_files()
    framework_ids = [d.id for d in loaders.documents(current) if d.kind == FRAMEWORK_KIND]
    documents, sets = loaders.reference_choices(current)
    choices = story_choices(loaders.story(current))
    return lambda params: parse_principles(params, framework_ids, [d for d, _ in documents], [s.id for s in sets],
                                           views, **choices)


def _on_change(field: str) -> None:
    """A control changed: the URL gets the new value, the other parameters are kept."""
    state, _ = _parser()(url_state.current_params())
    url_state.write(dataclasses.replace(state, **{field: st.session_state[KEYS[field]]}))


def _show_state(state) -> None:
    documents, sets = loaders.reference_choices(url_state.collection())
    url_state.show_in_widgets({KEYS["view"]: state.view, KEYS["principle"]: state.principle,
                               KEYS["framework"]: state.framework,
                               KEYS["doc"]: state.doc or (documents[0][0] if documents else None),
                               KEYS["ref"]: state.ref})


def render() -> None:
    current = url_state.collection()
    state, notices = url_state.read(_parser())
    _show_state(state)
    views = [v for v in VIEWS if v in _views()]
    story = loaders.story(current)
    st.title(md_escape(story.info.label("principles_title", "Principles and reference lists")))
    st.caption(md_escape(story.info.label("principles_caption", "What a document says about each item of a "
                                          "reference list: the model's reading, and a person's where there is one.")))
    show_notices(notices)
    if len(views) > 1:
        st.radio("View", views, key=KEYS["view"], horizontal=True, format_func=VIEW_LABELS.get,
                 on_change=_on_change, args=("view",))
    if state.view == "compare":
        compare_view.render_compare(current, state, KEYS, _on_change, heading=len(views) > 1)
        return

    data = loaders.principles(current)
    comparison = data.comparison
    st.markdown(f"**{md_escape(comparison.summary())}**")
    titles = {i.number: i.title for i in comparison.items}
    st.selectbox("Principle", [None, *titles], key=KEYS["principle"], placeholder="None opened",
                 format_func=lambda n: "None opened" if n is None else f"P{n} · {titles[n]}",
                 on_change=_on_change, args=("principle",))

    if state.view == "coverage":
        render_coverage(comparison, data.principles_doc, state.principle)
    elif state.view == "matrix":
        render_matrix(comparison, state.principle)
    elif state.view == "claims":
        render_claims(data)
    else:
        render_frameworks(data, KEYS["framework"], lambda: _on_change("framework"))
    st.divider()
    render_principle_list(comparison, data.principles_doc, state.principle)


run_page("principles", render)
