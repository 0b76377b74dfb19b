"""The one resolver of `c=`: which collection a request may read, and whether it may write.

Pages (ui.url_state), JSON twins and link previews (explorer.share.views) all call `resolve`, so
a link means the same collection everywhere and no path reaches a collection another way:

- nothing, or the bundled story's name: the bundled story (read-only);
- a published token (`pub_...`): the owner's collection, read-only for everyone (the owner too, in
  that view), with the owner's reviewed layer as its published findings;
- a name: one of the reader's own workspace's collections, or nothing. The operator's CLI
  collections and other workspaces' collections are never found by name, so knowing or guessing
  a name opens nothing, and the answer is the same whether such a collection exists or not.
"""

import dataclasses
from dataclasses import dataclass

from explorer.links import notice
from explorer.settings import Config
from explorer.story import collections
from explorer.story.collections import Collection, CollectionError, Store
from explorer.workspace import publish
from explorer.workspace.workspaces import Workspace

COLLECTION = "c"
NOT_HERE = ("no collection of that name is in this browser's workspace (a collection opens only in the workspace "
            "that made it, or by the published link its owner shares)")
WITHDRAWN = ("this published link was withdrawn by its owner, or never existed; ask the owner for a current link")


@dataclass(frozen=True)
class Access:
    """What the reader gets for a `c=` value."""

    collection: Collection  # with .key (its reviewed layer) and .published (the token) set
    writable: bool  # may this reader add documents, review, publish (its own workspace's collection)
    notes_owner: str | None  # whose notebook this view shows: the reader's, a publisher's who shows it, or none
    notes_writable: bool  # may this reader star and note here (its own workspace, any unpublished view)
    publication: publish.Publication | None = None


def resolve(config: Config, value: str | None, workspace: Workspace | None, database=None) -> tuple[Access, str | None]:
    """(access, notice or None): what `c=value` opens for a reader with this workspace (None: none yet)."""
    value = (value or "").strip()
    if not value or value == collections.DEFAULT:
        return _bundled(config, workspace), None
    if publish.looks_published(value):
        return _published(config, value, workspace, database)
    if workspace is not None and collections.NAME.match(value):
        store = workspace.store(config.collections_dir)
        if store.exists(value):
            found = dataclasses.replace(store.get(value), key=workspace.story_key(value))
            return Access(found, True, workspace.id, True), None
    return _bundled(config, workspace), notice(COLLECTION, value, NOT_HERE, "the bundled story")


def owner_store(config: Config, publication: publish.Publication) -> Store:
    """Where a published collection lives: its workspace's folder, or the operator's collections."""
    from explorer.workspace.workspaces import folder

    if publication.workspace is None:
        return collections.persistent(config)
    return Store(folder(config.collections_dir, publication.workspace))


def _bundled(config: Config, workspace: Workspace | None) -> Access:
    owner = workspace.id if workspace else None
    return Access(collections.bundled(config), False, owner, workspace is not None)


def _published(config: Config, token: str, workspace: Workspace | None, database) -> tuple[Access, str | None]:
    database = database or _database(config)
    publication = publish.by_token(database, token)
    try:
        if publication is None:
            raise CollectionError("withdrawn")
        found = owner_store(config, publication).get(publication.collection)
    except CollectionError:
        return _bundled(config, workspace), notice(COLLECTION, token, WITHDRAWN, "the bundled story")
    key = (found.name if publication.workspace is None
           else Workspace(publication.workspace, "", "").story_key(found.name))
    found = dataclasses.replace(found, key=key, published=publication.token)
    owner = publication.workspace if publication.show_notes else None
    return Access(found, False, owner, False, publication), None


def _database(config: Config):
    from explorer.story.database import open_database

    return open_database(config.database)
