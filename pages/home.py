"""Home: what this is, the corpus at a glance, a search box, and three findings with evidence links.

Never loads the embedding model: counts come from the corpus files, the coverage finding from
stored passage vectors (through the shared engine, which loads the model only for searches).
"""

import streamlit as st

from explorer import settings
from explorer.corpus import load_corpus
from explorer.errors import ExplorerError
from explorer.passages import split_corpus
from explorer.timeline import load_timeline
from ui.common import get_engine, md_escape, set_title
from ui.routing import ensure_app_navigation

ensure_app_navigation()
set_title("Microsoft × Mistral AI: the story and its sources")

st.title("Microsoft × Mistral AI: the story and its sources")
st.write(
    "This explorer lets journalists and fact-checkers test a news article on Microsoft's 2024 investment "
    "in Mistral AI and its AI Access Principles against the primary sources behind it. Search the "
    "passages, compare the article with what Microsoft actually committed to, and place the deal on a "
    "sourced timeline; every view can be shared as a link."
)

with st.form("home_search", border=False):
    query_column, button_column = st.columns([5, 1], vertical_alignment="bottom")
    query = query_column.text_input("Search the article and the primary sources", key="home_q",
                                    placeholder='e.g. How much did Microsoft invest in Mistral?  or  "convertible loan"')
    if button_column.form_submit_button("Search", type="primary", use_container_width=True) and query.strip():
        st.switch_page("pages/search.py", query_params={"q": query.strip()})


@st.cache_data(show_spinner=False)
def _at_a_glance(corpus_dir: str) -> dict:
    documents = load_corpus(corpus_dir)
    principles = next((d for d in documents if d.id == "principles"), None)
    return {"documents": len(documents), "passages": len(split_corpus(documents)),
            "principles": len(principles.records) if principles else 0,
            "events": len(load_timeline(f"{corpus_dir}/timeline.csv"))}


try:
    glance = _at_a_glance(str(settings.path("corpus_dir")))
except ExplorerError as error:
    st.error(str(error))
    st.stop()

st.subheader("The corpus at a glance")
columns = st.columns(4)
columns[0].metric("Documents", glance["documents"], help="The article, the principles, the tenets and 8 other frameworks")
columns[1].metric("Passages", glance["passages"], help="Paragraphs of the article and numbered records of the others")
columns[2].metric("AI Access Principles", glance["principles"])
columns[3].metric("Timeline events", glance["events"])

st.subheader("Three findings, one click from their evidence")


def _event(events, event_id: str):
    rows = events[events["id"] == event_id]
    return rows.iloc[0] if len(rows) else None


first, second, third = st.columns(3)

with first.container(border=True):
    st.markdown("**How much of the principles the article covers**")
    from ui.principles_data import principles_data

    try:
        coverage = principles_data(get_engine()).coverage
        st.write(coverage.summary())
    except ExplorerError as error:
        st.write(f"Coverage is computed once the index is built ({error.problem}).")
    st.caption("It describes four 'aspects' where Microsoft's post has three groups of principles.")
    st.page_link("pages/principles.py", label="See principle by principle", icon=":material/balance:", query_params={"view": "coverage"})

events = load_timeline()
with second.container(border=True):
    st.markdown("**EUR 15M beside Microsoft's OpenAI commitments**")
    mistral, openai_2019, openai_2023 = (_event(events, i) for i in ("msft-mistral-investment", "msft-openai-2019", "msft-openai-2023"))
    if mistral is not None and openai_2019 is not None and openai_2023 is not None:
        st.write(md_escape(
            f"Mistral AI: {mistral['amount_as_reported'].split(' (')[0]} ({mistral['date']}). "
            f"OpenAI: {openai_2019['amount_as_reported']} ({openai_2019['date']}); {openai_2023['amount_as_reported']} ({openai_2023['date']})."))
        st.caption("Amounts as reported, in their own currencies; the timeline never converts them itself.")
    st.page_link("pages/timeline.py", label="See the scale chart", icon=":material/timeline:", query_params={"event": "msft-mistral-investment"})

with third.container(border=True):
    st.markdown("**What the regulators concluded**")
    cma = _event(events, "cma-no-merger-probe")
    if cma is not None:
        st.write(md_escape(f"{cma['date']}, {cma['actor']}: {cma['description']}"))
    st.page_link("pages/timeline.py", label="See the regulators' timeline", icon=":material/timeline:",
                 query_params={"event": "cma-no-merger-probe", "type": "regulatory"})

st.divider()
st.caption("The article's outlet and date are unknown. Principle, framework and event texts are our own "
           "paraphrases of public sources; every record links to its source. See About for method and limits.")
