"""Home (the app's entry point): what this is, the corpus at a glance, a search box, three findings.

Run with `make run` (or `streamlit run app.py`): Streamlit finds the `st.App` at the bottom and
serves it, which adds link previews and the JSON twin (serving/) beside the pages. The other pages are the files in `pages/`,
Streamlit's own multipage convention: each runs in the frame of ui/frame.py, which draws the
top navigation (the sidebar navigation is off in .streamlit/config.toml).

The counts come from the corpus files. The coverage finding needs the index's stored passage
vectors, not the model, so this page never imports torch; with no usable index (a fresh deploy)
the finding's place shows the progress of the one background build (ui.building), which runs in
a child process.
"""

import streamlit as st

from explorer.story.passages import split_corpus
from ui import loaders
from ui.common import md_escape, show_notices
from ui.frame import run_page
from ui.url_state import collection, read, shared_params

EXAMPLE_QUESTION = "How much did Microsoft invest in Mistral?"
EXAMPLE_PHRASE = '"convertible loan"'


def render() -> None:
    _, notices = read(lambda params: (HomeState(), []))  # home has no parameters: a stray one is dropped
    show_notices(notices)
    current = collection()
    if not current.read_only:
        collection_home(current)
        return
    st.title("Microsoft × Mistral AI: the story and its sources")
    st.write(
        "This explorer lets journalists and fact-checkers test a news article on Microsoft's 2024 investment "
        "in Mistral AI and its AI Access Principles against the primary sources behind it. Search the "
        "passages, compare the article with what Microsoft actually committed to, and place the deal on a "
        "sourced timeline; every view can be shared as a link.")
    search_box()
    at_a_glance()
    findings()
    st.divider()
    st.caption("The article's outlet and date are unknown. Principle, framework and event texts are our own "
               "paraphrases of public sources; every record links to its source. See About for method and limits.")


class HomeState:
    """The home page's URL state: nothing."""

    def to_params(self) -> dict:
        return {}


def search_box() -> None:
    with st.form("home_search", border=False):
        query_column, button_column = st.columns([5, 1], vertical_alignment="bottom")
        query = query_column.text_input("Search the article and the primary sources", key="home_q",
                                        placeholder=f"e.g. {EXAMPLE_QUESTION}  or  {EXAMPLE_PHRASE}")
        if button_column.form_submit_button("Search", type="primary", width="stretch") and query.strip():
            st.switch_page("pages/search.py", query_params={"q": query.strip(), **shared_params()})


def collection_home(current) -> None:
    """Home for one of your collections: what is in it, and a search box that stays in it."""
    st.title(md_escape(current.title))
    st.write(md_escape(f"Your collection of {len(current.documents)} documents. Search it, or add more on the "
                       "Add documents page."))
    search_box()
    for d in current.documents:
        st.caption(md_escape(f"{d.title} ({d.format}{', ' + d.date if d.date else ''}) from {d.source_name}"))


def at_a_glance() -> None:
    documents = loaders.documents()
    principles = next((d for d in documents if d.id == "principles"), None)
    st.subheader("The corpus at a glance")
    columns = st.columns(4)
    columns[0].metric("Documents", len(documents), help="The article, the principles, the tenets, the other frameworks, "
                                                      "the timeline and the fact-checks")
    columns[1].metric("Passages", len(split_corpus(documents)), help="Paragraphs of the article and numbered records of the others")
    columns[2].metric("AI Access Principles", len(principles.records) if principles else 0)
    columns[3].metric("Timeline events", len(loaders.timeline()))


def _event(events, event_id: str):
    rows = events[events["id"] == event_id]
    return rows.iloc[0] if len(rows) else None


def findings() -> None:
    st.subheader("Three findings, one click from their evidence")
    first, second, third = st.columns(3)
    with first.container(border=True):
        st.markdown("**How much of the principles the article covers**")
        st.write(md_escape(loaders.principles().coverage.summary()))
        st.caption("It describes four 'aspects' where Microsoft's post has three groups of principles.")
        st.page_link("pages/principles.py", label="See principle by principle", icon=":material/balance:",
                     query_params={"view": "coverage"})

    events = loaders.timeline()
    with second.container(border=True):
        st.markdown("**EUR 15M beside Microsoft's OpenAI commitments**")
        mistral, openai_2019, openai_2023 = (_event(events, i) for i in ("msft-mistral-investment", "msft-openai-2019", "msft-openai-2023"))
        if mistral is not None and openai_2019 is not None and openai_2023 is not None:
            st.write(md_escape(
                f"Mistral AI: {mistral['amount_as_reported'].split(' (')[0]} ({mistral['date']}). "
                f"OpenAI: {openai_2019['amount_as_reported']} ({openai_2019['date']}); {openai_2023['amount_as_reported']} ({openai_2023['date']})."))
            st.caption("Amounts as reported, in their own currencies; the timeline never converts them itself.")
        st.page_link("pages/timeline.py", label="See the scale chart", icon=":material/timeline:",
                     query_params={"event": "msft-mistral-investment"})

    with third.container(border=True):
        st.markdown("**What the regulators concluded**")
        cma = _event(events, "cma-no-merger-probe")
        if cma is not None:
            st.write(md_escape(f"{cma['date']}, {cma['actor']}: {cma['description']}"))
        st.page_link("pages/timeline.py", label="See the regulators' timeline", icon=":material/timeline:",
                     query_params={"event": "cma-no-merger-probe", "type": "regulatory"})


if __name__ == "__main__":
    # Streamlit runs this file as __main__ for each reader of the home page.
    run_page("home", render)
else:
    # `streamlit run app.py` first imports this file as a module, finds this st.App and serves it:
    # the pages as usual (this file is the home page, pages/ the others), plus link previews in
    # the served HTML and the JSON twin under /api/ (serving/).
    import serving

    app = st.App(__file__, routes=serving.routes(), middleware=serving.middleware())
