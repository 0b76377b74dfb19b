"""/add: bring your own documents. Uploads go to a collection in this browser's workspace (kept
across reloads, tabs and restarts until the workspace has been idle for the TTL); each file gets a
result line, and the embedding shows its progress (passages done of the total, rate, time left).
Below: the workspace's collections, each publishable read-only, and the secret link that opens
the workspace on another device (ui.workspace_panel)."""

import time

import streamlit as st

from explorer.story import collections
from ui import loaders, url_state, workspace, workspace_panel
from ui.common import md_escape, show_notices
from ui.frame import run_page
from ui.workspace import passages_in, passages_of

FORMATS = "PDF (with a text layer), DOCX, HTML, Markdown, plain text, CSV (one document per row: title, text, url, date)"
NAME_KEY, FILES_KEY = "add_collection_name", "add_files"


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
    workspace.database()  # no database to keep work in (a read-only deploy): its sentence, before anything else
    mine = workspace.current()
    if mine is None:
        st.warning("This browser did not send its workspace cookie, so nothing could be kept for it. Allow cookies "
                   "for this site and reload the page.")
        return
    st.caption("Your collections belong to this browser's workspace: they stay through reloads, new tabs and server "
               "restarts, nobody else can open them (not even with their link) unless you publish one, and they are "
               f"deleted with the workspace after {config.workspace_ttl_days:d} days without a visit.")
    server_limit = st.get_option("server.maxUploadSize")
    if server_limit != config.max_file_mb:
        st.caption(f"This server refuses files over {server_limit:d} MB (server.maxUploadSize) and the explorer files "
                   f"over {config.max_file_mb:d} MB (EXPLORER_MAX_FILE_MB): the operator should set both to the same "
                   "value.")
    access = url_state.access()
    current = access.collection
    if current.published:
        st.info(md_escape(f"“{current.title}” is a published, read-only view: nothing can be added to it. Your own "
                          "collections are on this page without the published link."))
        st.page_link("pages/add.py", label="Add to your own collections", icon=":material/upload_file:")
        return
    default_name = current.name if access.writable else "my-documents"
    with st.form("add_form", border=True):
        name = st.text_input("Collection name", value=default_name, key=NAME_KEY, max_chars=40,
                             help="Lower-case letters, digits and hyphens.")
        files = st.file_uploader("Drop files here", accept_multiple_files=True, key=FILES_KEY,
                                 max_upload_size=config.max_file_mb)
        submitted = st.form_submit_button("Add to the collection", type="primary")
    if submitted:
        add(mine.store(config.collections_dir), name.strip().lower(), files or [], config)
    workspace_panel.show(mine)


def add(store, name: str, files, config) -> None:
    from explorer.ingest.extract import Limits
    from explorer.ingest.changes import Upload, add_files

    if not files:
        st.warning("Choose at least one file.")
        return
    if len(files) > config.max_files:
        st.warning(f"{len(files)} files chosen; the limit is {config.max_files:d} an upload. Add them in smaller batches.")
        return
    collections.check_name(name)
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
        _precompute(store.get(name), config)
        st.page_link("pages/search.py", label=md_escape(f"Search “{name}”"), icon=":material/search:", query_params={"c": name})


def _precompute(collection, config) -> None:
    """The new passages' entities, dated events and claims, extracted now, while the reader waits on
    the upload anyway, so the first view of /entities, /timeline or /claims reads them from the cache."""
    from explorer.analysis.precompute import precompute
    from explorer.story.model import open_story

    with st.spinner("Finding the names, dated events and claims in the new passages…"):
        precompute(open_story(config, collection))


run_page("add", render)
