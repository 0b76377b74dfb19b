"""Home (the app's entry point): what the story is, what it holds, a search box, and its findings
(the story's own data, explorer.views.home) or, for a collection without findings, its documents.

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

from explorer.views.home import findings_of, overview
from ui import loaders
from ui.common import md_escape, show_notices
from explorer.links.pages import BY_NAME
from ui.frame import run_page
from ui.url_state import collection, read, shared_params


def render() -> None:
    _, notices = read(lambda params: (HomeState(), []))  # home has no parameters: a stray one is dropped
    show_notices(notices)
    story = loaders.story(collection())
    data = overview(story)
    st.title(md_escape(data["title"]))
    st.write(md_escape(data["description"]))
    search_box(story.info.search_examples)
    at_a_glance(data["at_a_glance"])
    found = findings_of(story, _coverage_summary(story))  # after the overview: it may need the index
    if found:
        findings(found)
    else:
        documents(data["documents"])
    if story.info.note:
        st.divider()
        st.caption(md_escape(story.info.note))


class HomeState:
    """The home page's URL state: nothing."""

    def to_params(self) -> dict:
        return {}


def _coverage_summary(story):
    """The comparison's summary, for a story whose findings lead with it (computed only then)."""
    if not any(f.get("kind") == "coverage" for f in story.info.findings):
        return None
    return lambda: loaders.principles().comparison.summary()


def search_box(examples) -> None:
    with st.form("home_search", border=False):
        query_column, button_column = st.columns([5, 1], vertical_alignment="bottom")
        hint = "  or  ".join(examples[:2]) if examples else "a name, a figure, or a question"
        query = query_column.text_input("Search the documents and the primary sources", key="home_q",
                                        placeholder=f"e.g. {hint}")
        if button_column.form_submit_button("Search", type="primary", width="stretch") and query.strip():
            st.switch_page("pages/search.py", query_params={"q": query.strip(), **shared_params()})


def at_a_glance(glance: list[dict]) -> None:
    st.subheader("The corpus at a glance")
    for column, metric in zip(st.columns(len(glance)), glance):
        column.metric(md_escape(metric["label"]), metric["value"], help=md_escape(metric["help"]))


def findings(found: list[dict]) -> None:
    st.subheader("Findings, one click from their evidence")
    for column, finding in zip(st.columns(len(found)), found):
        with column.container(border=True):
            st.markdown(f"**{md_escape(finding['title'])}**")
            st.write(md_escape(finding["text"]))
            if finding["caption"]:
                st.caption(md_escape(finding["caption"]))
            link = finding["link"]
            if link and link.get("page") in BY_NAME:
                st.page_link(BY_NAME[link["page"]].script, label=md_escape(link.get("label") or "See the evidence"),
                             icon=":material/arrow_forward:", query_params={**(link.get("params") or {}), **shared_params()})


def documents(listed: list[dict]) -> None:
    st.subheader("Documents")
    for d in listed:
        st.caption(md_escape(f"{d['title']} ({d['kind']}{', ' + d['date'] if d['date'] else ''})"))


if __name__ == "__main__":
    # Streamlit runs this file as __main__ for each reader of the home page.
    run_page("home", render)
else:
    # `streamlit run app.py` first imports this file as a module, finds this st.App and serves it:
    # the pages as usual (this file is the home page, pages/ the others), plus link previews in
    # the served HTML and the JSON twin under /api/ (serving/).
    import serving

    app = st.App(__file__, routes=serving.routes(), middleware=serving.middleware())
