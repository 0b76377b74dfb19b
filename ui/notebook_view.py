"""The notebook in the pages: the small star and note controls under an opened passage, "save
this search", and the Notebook page's lists and exports.

Whose notebook a view shows comes from the one resolver (explorer.workspace.access): the reader's
own on the bundled story and on its own collections (writable), the publisher's on a published
view whose owner chose to show it (read-only), none otherwise. Permalinks are stored without the
collection and shown with the current view's `c`, so a published view links to itself.
"""

import streamlit as st

from explorer.links import page_url
from explorer.workspace.notebook import Notebook, NotebookError
from ui import url_state
from ui.common import md_escape
from ui.workspace import database

LABELS = {"star": "Starred passages", "note": "Notes", "search": "Saved searches"}


def notebook() -> Notebook | None:
    """The notebook this view shows, or None."""
    access = url_state.access()
    if access.notes_owner is None:
        return None
    return Notebook(database(), access.notes_owner, access.collection.name)


def writable() -> bool:
    return url_state.access().notes_writable and notebook() is not None


def passage_controls(passage, citation_text: str, query: str = "") -> None:
    """Star the opened passage, or write a note on it or on a span of it (one row, two controls)."""
    if not writable():
        return
    book = notebook()
    permalink = page_url("", "search", {"p": passage.id, **({"q": query} if query else {})}, lead="p")
    source = _source_lines(citation_text)
    starred = passage.id in book.starred()
    row = st.container(horizontal=True, gap="small", key=f"notebook-{passage.id}")
    row.button("Starred" if starred else "Star", icon=":material/star:" if starred else ":material/star_border:",
               key=f"star-{passage.id}", on_click=book.star,
               args=(passage.id, " ".join(passage.text.split()), source, permalink),
               help="Keep this passage in your Notebook (click again to unstar).")
    with row.popover("Note", icon=":material/edit_note:"):
        with st.form(f"note-form-{passage.id}", border=False, clear_on_submit=True):
            span = st.text_input("Quote (optional): the words of the passage your note is about",
                                 key=f"note-span-{passage.id}", max_chars=2000)
            text = st.text_area("Your note", key=f"note-text-{passage.id}", max_chars=5000)
            if st.form_submit_button("Save the note"):
                try:
                    book.note(passage.id, passage.text, text, source, permalink, span=span)
                    st.success("Saved to your Notebook.")
                except NotebookError as problem:
                    st.error(md_escape(f"{problem.problem} {problem.fix}"))


def save_search(state) -> None:
    """Save the current search under a name."""
    if not writable() or not getattr(state, "q", ""):
        return
    with st.popover("Save this search", icon=":material/bookmark_add:"):
        with st.form("save-search", border=False, clear_on_submit=True):
            name = st.text_input("Name", key="save-search-name", max_chars=200)
            if st.form_submit_button("Save"):
                params = {k: v for k, v in state.to_params().items() if k != "p"}
                try:
                    notebook().save_search(name, params, page_url("", "search", params))
                    st.success("Saved to your Notebook.")
                except NotebookError as problem:
                    st.error(md_escape(f"{problem.problem} {problem.fix}"))


def show() -> None:
    """The Notebook page's body: each kind of entry, then the exports."""
    access = url_state.access()
    book = notebook()
    if book is None:
        if access.collection.published:
            st.info("The owner of this published collection does not show their notebook.")
        else:
            st.info("This browser has no workspace yet (allow cookies for this site and reload), so it has no notebook.")
        return
    if access.collection.published:
        st.caption("The notebook of this collection's owner, shown in the published view (read-only).")
    entries = book.entries()
    if not entries:
        st.caption("Nothing here yet. Open a passage on the Search page to star it or write a note on it; "
                   "save a search from the Search page.")
        return
    base, c = url_state.base_url(), access.collection.param
    for kind in ("note", "star", "search"):
        chosen = [e for e in entries if e.kind == kind]
        if not chosen:
            continue
        st.subheader(f"{LABELS[kind]} ({len(chosen)})")
        for entry in chosen:
            with st.container(border=True):
                if kind == "search":
                    st.markdown(f"**{md_escape(entry.text)}**")
                else:
                    st.markdown(f"> {md_escape(entry.quote)}")
                    st.caption(md_escape(entry.citation))
                    if kind == "note":
                        st.markdown(f"**Note:** {md_escape(entry.text)}")
                actions = st.container(horizontal=True, gap="small")
                actions.link_button("Permalink", entry.link(base, c), icon=":material/link:")
                if access.notes_writable:
                    actions.button("Delete", key=f"delete-{entry.id}", icon=":material/delete:", on_click=book.delete,
                              args=(entry.id,))
    st.subheader("Export")
    title = access.collection.title
    columns = st.columns(3)
    columns[0].download_button("Markdown (for a draft)", book.to_markdown(base, title, c), "notebook.md",
                               "text/markdown", key="export-md")
    columns[1].download_button("CSV", book.to_csv(base, c), "notebook.csv", "text/csv", key="export-csv")
    columns[2].download_button("JSON", book.to_json(base, c), "notebook.json", "application/json", key="export-json")


def _source_lines(citation_text: str) -> str:
    """The citation without its quote and permalink lines: who, what, when, where it can be read."""
    lines = citation_text.splitlines()
    return " ".join(line for line in lines[1:] if not line.startswith("Permalink:"))

