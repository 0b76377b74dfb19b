"""The Add page's workspace panel: this browser's collections (each can be published read-only,
and unpublished), and the secret link that opens the workspace on another device.

Every action here changes only the reader's own workspace: the collection names come from its
own store, and the database calls name the workspace's id. The secret link is shown once, in the
run that made it (only its hash is kept), and can be revoked.
"""

import streamlit as st

from explorer.links import page_url
from explorer.story import collections
from explorer.workspace import publish, workspaces
from ui import loaders, url_state
from ui.common import md_escape
from ui.workspace import database

NEW_LINK = "_workspace_new_link"
SAVED_KEY = "add_saved_correction"


def show(mine: workspaces.Workspace) -> None:
    store = mine.store(loaders.config().collections_dir)
    st.subheader("Your collections")
    if SAVED_KEY in st.session_state:
        st.success(md_escape(st.session_state.pop(SAVED_KEY)))
    names = store.names()
    if not names:
        st.caption("None yet.")
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
            publishing(mine, name)
    secret_link(mine)


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


def publishing(mine: workspaces.Workspace, name: str) -> None:
    """Publish read-only (an unguessable link), or show the link and unpublish."""
    found = publish.of_collection(database(), mine.id, name)
    if found is None:
        notes = st.checkbox("Show my notes and stars in the published view", key=f"pub-notes-{name}")
        st.button("Publish read-only", key=f"publish-{name}", icon=":material/public:", on_click=_publish,
                  args=(mine.id, name, notes),
                  help="Anyone with the link can read this collection, its findings and reviews; nobody can change it.")
        return
    link = page_url(url_state.base_url(), "", {url_state.COLLECTION: found.token})
    st.caption("Published read-only. Anyone with this link can read it:")
    st.code(link, language=None)
    st.checkbox("Show my notes and stars in the published view", value=found.show_notes,
                key=f"pub-notes-shown-{name}", on_change=_show_notes, args=(mine.id, name, f"pub-notes-shown-{name}"))
    st.button("Unpublish", key=f"unpublish-{name}", icon=":material/public_off:", on_click=_unpublish,
              args=(mine.id, name), help="The link stops working at once.")


def secret_link(mine: workspaces.Workspace) -> None:
    st.subheader("Open this workspace on another device")
    made = st.session_state.pop(NEW_LINK, None)
    if made:
        st.warning("Copy this secret link now: it is shown only once. Anyone who has it can open and change your "
                   "workspace, so send it only to yourself.")
        st.code(page_url(url_state.base_url(), "", {workspaces.LINK_PARAM: made}), language=None)
    elif workspaces.has_link(database(), mine):
        st.caption("A secret link for this workspace exists. Making a new one stops the old one.")
    else:
        st.caption("A secret link opens your collections, notes and stars in another browser (in place of that "
                   "browser's own workspace).")
    columns = st.columns(2)
    columns[0].button("Make a secret link", key="workspace-link", icon=":material/key:", on_click=_new_link,
                      args=(mine,))
    if workspaces.has_link(database(), mine) and not made:
        columns[1].button("Revoke the secret link", key="workspace-unlink", icon=":material/key_off:",
                          on_click=workspaces.revoke_link, args=(database(), mine))


def _publish(workspace_id: str, name: str, show_notes: bool) -> None:
    publish.publish(database(), workspace_id, name, show_notes)


def _show_notes(workspace_id: str, name: str, key: str) -> None:
    """The same link, now with (or without) the owner's notebook."""
    publish.publish(database(), workspace_id, name, bool(st.session_state.get(key)))


def _unpublish(workspace_id: str, name: str) -> None:
    publish.unpublish(database(), workspace_id, name)


def _new_link(mine) -> None:
    st.session_state[NEW_LINK] = workspaces.new_link(database(), mine)
