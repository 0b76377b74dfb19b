"""/add: bring your own documents. Uploads go to a collection private to this browser session
(or, when the operator allows it, to a persistent one); each file gets a result line, and the
embedding shows its progress (passages done of the total, rate, time left)."""

import time

import streamlit as st

from explorer.story import collections
from ui import loaders, url_state
from ui.common import md_escape, show_notices
from ui.frame import run_page
from ui.session_store import passages_in, passages_of, private_store, sweep_expired

FORMATS = "PDF (with a text layer), DOCX, HTML, Markdown, plain text, CSV (one document per row: title, text, url, date)"
NAME_KEY, FILES_KEY, SAVED_KEY = "add_collection_name", "add_files", "add_saved_correction"


class AddState:
    """This page's URL state: only the collection (kept by url_state)."""

    def to_params(self) -> dict:
        return {}


def render() -> None:
    _, notices = url_state.read(lambda params: (AddState(), []))
    config = loaders.config()
    st.title("Add your own documents")
    show_notices(notices)
    if config.uploads == "off":
        st.info("Uploads are turned off on this server (EXPLORER_UPLOADS=off). Collections can be made with "
                "`python -m explorer collection create` and `add`.")
        return
    st.write(f"Formats: {FORMATS}. Files are read on this server only; nothing is sent elsewhere. "
             f"Limits: {config.max_file_mb:d} MB a file, {config.max_files:d} files an upload, "
             f"{config.max_pdf_pages:d} pages a PDF, {config.max_session_passages:,} passages in your collections.")
    st.caption("Your collection is private to this browser session: nobody else can open it, not even with its "
               f"link, and it is deleted when you close the session or after {config.session_ttl_minutes:d} minutes.")
    server_limit = st.get_option("server.maxUploadSize")
    if server_limit != config.max_file_mb:
        st.caption(f"This server refuses files over {server_limit:d} MB (server.maxUploadSize) and the explorer files "
                   f"over {config.max_file_mb:d} MB (EXPLORER_MAX_FILE_MB): the operator should set both to the same "
                   "value.")
    current = url_state.collection()
    default_name = current.name if not current.read_only else "my-documents"
    with st.form("add_form", border=True):
        name = st.text_input("Collection name", value=default_name, key=NAME_KEY, max_chars=40,
                             help="Lower-case letters, digits and hyphens.")
        files = st.file_uploader("Drop files here", accept_multiple_files=True, key=FILES_KEY,
                                 max_upload_size=config.max_file_mb)
        submitted = st.form_submit_button("Add to the collection", type="primary")
    if submitted:
        add(name.strip().lower(), files or [], config)
    show_collections()


def add(name: str, files, config) -> None:
    from explorer.ingest.extract import Limits
    from explorer.ingest.changes import Upload, add_files

    if not files:
        st.warning("Choose at least one file.")
        return
    if len(files) > config.max_files:
        st.warning(f"{len(files)} files chosen; the limit is {config.max_files:d} an upload. Add them in smaller batches.")
        return
    collections.check_name(name)
    sweep_expired()
    store = private_store(create=True)
    if not store.exists(name):
        store.create(name)
    budget = config.max_session_passages
    progress = st.progress(0.0, text="Reading the files…")
    started = time.monotonic()

    def report(done, total):
        elapsed = max(time.monotonic() - started, 1e-6)
        rate = done / elapsed if done else 0.0
        left = (total - done) / rate if rate else float("nan")
        progress.progress(done / total if total else 1.0,
                          text=f"Embedding: {done:,} of {total:,} texts · {rate:,.0f}/s · "
                               + (f"about {left:,.0f} s left" if left == left else "estimating time left"))

    uploads = [Upload(f.name, f.getvalue()) for f in files]
    limits = Limits(max_bytes=config.max_file_mb * 2**20, max_pdf_pages=config.max_pdf_pages)
    results = add_files(store, name, uploads, config, lambda: loaders.engine_with_model().encoder,
                        limits=limits, progress=report, max_passages=budget - passages_in(store) + passages_of(store, name))
    progress.progress(1.0, text="Done.")
    for result in results:
        show = {"added": st.warning if result.warnings else st.success, "skipped": st.info,
                "failed": st.error}[result.status]
        show(md_escape(f"{result.name}: {result.status}. {result.message}"))
    if any(r.status == "added" for r in results):
        st.page_link("pages/search.py", label=md_escape(f"Search “{name}”"), icon=":material/search:", query_params={"c": name})


def show_collections() -> None:
    store = private_store()
    names = store.names() if store else []
    st.subheader("Your collections in this session")
    if SAVED_KEY in st.session_state:
        st.success(md_escape(st.session_state.pop(SAVED_KEY)))
    if not names:
        st.caption("None yet.")
        return
    for name in names:
        try:
            found = store.get(name)
        except collections.CollectionError as error:  # a damaged collection: its sentence, not an error box
            st.error(md_escape(str(error)))
            continue
        with st.container(border=True):
            st.markdown(f"**{md_escape(found.title)}** · {len(found.documents)} documents")
            for d in found.documents:
                st.caption(md_escape(f"{d.title} ({d.format}{', ' + str(d.pages) + ' pages' if d.pages else ''}"
                                     f", {d.date or 'no date'}) from {d.source_name}"
                                     + (f" · {d.url}" if d.url else "")))
                for warning in d.warnings:
                    st.caption(md_escape(f"⚠ {warning}"))
                correction_form(store, name, d)
            st.page_link("pages/search.py", label="Search it", icon=":material/search:", query_params={"c": name})


def correction_form(store, name: str, document) -> None:
    """A small form to correct what was read from the file: its title, source URL and date."""
    from explorer.ingest.changes import correct

    with st.expander("Correct its title, source URL or date"):
        with st.form(f"correct_{name}_{document.id}", border=False):
            title = st.text_input("Title", value=document.title, max_chars=200, key=f"title_{name}_{document.id}")
            url = st.text_input("Source URL", value=document.url or "", max_chars=2000, key=f"url_{name}_{document.id}",
                                help="Where it was published (http or https). Leave empty for none.")
            date = st.text_input("Date", value=document.date or "", max_chars=10, key=f"date_{name}_{document.id}",
                                 help="YYYY-MM-DD. Leave empty for none.")
            if st.form_submit_button("Save"):
                try:
                    corrected = correct(store, name, document.id, loaders.config(),
                                        lambda: loaders.engine_with_model().encoder, title=title, url=url, date=date)
                except collections.CollectionError as error:
                    st.error(md_escape(str(error)))
                    return
                st.session_state[SAVED_KEY] = (f"Saved: {corrected.title}, {corrected.date or 'no date'}, "
                                               f"{corrected.url or 'no source URL'}.")
                st.rerun()  # so the list above shows the corrected values


run_page("add", render)
