"""/principles: the 11 AI Access principles, what the article made of them, and other frameworks.

A thin function of its URL state (principle, view, framework): parse, compute (once per index),
render. The coverage is the same core call as `python -m explorer compare`.
"""

import streamlit as st

from explorer.links.principles import VIEWS
from ui.common import get_engine, md_escape, set_title, show_notices
from ui.principles_claims import render_claims, render_frameworks
from ui.principles_data import K_FRAMEWORK, K_PRINCIPLE, K_VIEW, principles_data, state_from_url, state_to_url
from ui.principles_views import render_coverage, render_matrix, render_principle_list
from ui.routing import ensure_app_navigation

ensure_app_navigation()
set_title("AI Access Principles, principle by principle")

VIEW_LABELS = {"coverage": "Coverage", "matrix": "Matrix", "claims": "The article's claims", "frameworks": "Other frameworks"}

engine = get_engine()
data = principles_data(engine)
coverage = data.coverage
_, notices = state_from_url(data.framework_ids)

st.title("Principles")
st.caption("What Microsoft committed to on 2024-02-26, what the article made of it, and how it compares.")
show_notices(notices)
st.markdown(f"**{md_escape(coverage.summary())}**")

titles = {p.number: p.title for p in coverage.principles}
st.radio("View", VIEWS, key=K_VIEW, horizontal=True, format_func=VIEW_LABELS.get)
st.selectbox("Principle", [None, *titles], key=K_PRINCIPLE, placeholder="None opened",
             format_func=lambda n: "None opened" if n is None else f"P{n} · {titles[n]}")

view, selected = st.session_state[K_VIEW], st.session_state[K_PRINCIPLE]
if view == "coverage":
    render_coverage(coverage, selected)
elif view == "matrix":
    render_matrix(coverage, data.similarity, selected)
elif view == "claims":
    render_claims(data)
else:
    render_frameworks(data, K_FRAMEWORK)
state_to_url()

st.divider()
render_principle_list(coverage, data.principles_doc, selected)
