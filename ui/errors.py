"""How a page says what went wrong: the core's typed errors as a problem and its fix, in text,
with every server path made relative to the project (a reader never sees the server's folders)."""

import streamlit as st

from explorer.errors import ExplorerError
from ui.common import md_escape


def show_error(error: ExplorerError) -> None:
    """The problem and what to do about it, as text (never markup from the message), with files
    named relative to the project: a reader never sees the server's paths."""
    problem, fix = for_browser(error)
    st.error(md_escape(problem), icon="⚠️")
    if fix:
        st.info(md_escape(fix))


def for_browser(error: ExplorerError) -> tuple[str, str]:
    """(problem, fix) of an error as a page shows it: every absolute path made relative, by the
    one error boundary the JSON twin uses too (explorer.share.problems)."""
    from explorer.share.problems import public
    from ui import loaders

    try:
        config = loaders.config()
    except ExplorerError:  # the settings themselves are wrong: no folder is known yet
        config = None
    return public(error, config)
