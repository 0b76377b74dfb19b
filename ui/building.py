"""What a page shows while the index is built in the background (explorer.store.build_job).

A page that needs the index and finds none usable (missing, stale, damaged) raises IndexNotReady
(explorer.errors); the frame shows `show()` in its place: it starts the one background build (or
joins the running one) and shows its progress, refreshing itself every two seconds, then reruns
the page once the index is ready. The serving process never builds or imports torch for it. When
the index cannot be built (a read-only folder, a corpus error), the page says so in a sentence.
"""

import streamlit as st

from explorer.store import build_job
from explorer.errors import ExplorerError, IndexNotReady, IndexNotWritableError
from explorer.settings import Config
from ui.common import md_escape
from ui.errors import show_error

REFRESH_SECONDS = 2


def show(problem: IndexNotReady) -> None:
    try:
        job = build_job.start(problem.config)
    except IndexNotWritableError:  # cannot build here: say so, and what to set, in one sentence
        folder = build_job.shown(problem.config.index_dir)
        if problem.config.index_dir.exists() and not problem.config.index_dir.is_dir():
            st.error(md_escape(f"There is no usable search index: {folder} is a file, not a folder; set EXPLORER_INDEX_DIR to a "
                     "folder and restart the app."), icon="⚠️")
        else:
            st.error(md_escape(f"There is no usable search index, and {folder} is read-only, so it cannot be built here: set "
                     "EXPLORER_INDEX_DIR to a writable folder and restart the app."), icon="⚠️")
        return
    except ExplorerError as error:
        show_error(error)
        return
    _progress(problem.config, id(job))


@st.fragment(run_every=REFRESH_SECONDS)
def _progress(config: Config, job_id: int) -> None:
    job = build_job.current(config)
    if job is None or id(job) != job_id:
        st.rerun(scope="app")
    if job.running:
        progress = job.progress
        if progress is None:
            st.info(f"Building the search index (a first start, or the corpus or model changed): loading the "
                    f"language model, {job.seconds:.0f} s so far. This page continues by itself when it is ready.",
                    icon=":material/hourglass_top:")
        else:
            st.progress(progress.share, text=progress_text(progress))
        return
    if job.failed:
        show_error(job.error)
        return
    shown = st.session_state.setdefault("_index_reran_for", set())
    if job_id in shown:  # built, yet the page still found no usable index: say so, do not loop
        show_error(ExplorerError("The search index was built but could not be opened.",
                                 "Run `python -m explorer build` on the server and read its message."))
        return
    shown.add(job_id)
    st.rerun(scope="app")


def progress_text(progress) -> str:
    """"Building the search index: 1,200 of 4,000 texts embedded · 85/s · about 33 s left"."""
    left = progress.seconds_left
    return (f"Building the search index (a first start, or the corpus or model changed): {progress.done:,} of "
            f"{progress.total:,} texts embedded · {progress.rate:,.0f}/s · "
            + (f"about {left:,.0f} s left" if left is not None else "estimating the time left")
            + ". This page continues by itself when it is ready.")
