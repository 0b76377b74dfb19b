"""Published collections: a read-only link anyone can open, by an unguessable token in `c=`.

The token (PREFIX + 256 random bits) is not the collection's name, so knowing or guessing a name
opens nothing. A published view shows the owner's documents and reviewed layer (the published
findings), and the owner's notes only if the owner chose so; nobody can write to it. Unpublishing
deletes the token: the next request with it is refused.

The owner is a workspace, or the operator (a collection made with the CLI: `workspace` NULL).
"""

import secrets
from dataclasses import dataclass

import sqlalchemy as sa

from explorer.story.database import PUBLICATIONS, Database
from explorer.workspace.workspaces import now

PREFIX = "pub_"  # a collection name never holds "_" (explorer.story.collections.NAME)
TOKEN_BYTES = 32


@dataclass(frozen=True)
class Publication:
    token: str  # what `c=` carries
    workspace: str | None  # the owner; None: the operator
    collection: str
    show_notes: bool
    created_at: str


def looks_published(value: str | None) -> bool:
    return bool(value) and value.startswith(PREFIX)


def publish(database: Database, workspace_id: str | None, collection: str, show_notes: bool = False) -> Publication:
    """The collection's published link (the existing one if it has one: its show_notes updated)."""
    found = of_collection(database, workspace_id, collection)
    if found is not None:
        if found.show_notes != show_notes:
            with database.begin() as connection:
                connection.execute(sa.update(PUBLICATIONS).where(PUBLICATIONS.c.token == found.token)
                                   .values(show_notes=show_notes))
        return Publication(found.token, workspace_id, collection, show_notes, found.created_at)
    made = Publication(PREFIX + secrets.token_urlsafe(TOKEN_BYTES), workspace_id, collection, show_notes, now())
    with database.begin() as connection:
        connection.execute(sa.insert(PUBLICATIONS).values(token=made.token, workspace=workspace_id,
                                                          collection=collection, show_notes=show_notes,
                                                          created_at=made.created_at))
    return made


def unpublish(database: Database, workspace_id: str | None, collection: str) -> int:
    """Revoke the collection's published link at once; returns how many links went (0 or 1)."""
    with database.begin() as connection:
        return connection.execute(sa.delete(PUBLICATIONS).where(_owned(workspace_id, collection))).rowcount


def of_collection(database: Database, workspace_id: str | None, collection: str) -> Publication | None:
    with database.connect() as connection:
        row = connection.execute(sa.select(PUBLICATIONS).where(_owned(workspace_id, collection))).mappings().first()
    return _publication(row) if row else None


def by_token(database: Database, token: str | None) -> Publication | None:
    """The publication a token names, or None (never published, or unpublished)."""
    if not looks_published(token) or len(token) > 80:
        return None
    with database.connect() as connection:
        row = connection.execute(sa.select(PUBLICATIONS).where(PUBLICATIONS.c.token == token)).mappings().first()
    return _publication(row) if row else None


def forget_collection(database: Database, workspace_id: str | None, collection: str) -> None:
    """A deleted collection's links go with it."""
    unpublish(database, workspace_id, collection)


def _owned(workspace_id, collection):
    owner = PUBLICATIONS.c.workspace.is_(None) if workspace_id is None else PUBLICATIONS.c.workspace == workspace_id
    return sa.and_(owner, PUBLICATIONS.c.collection == collection)


def _publication(row) -> Publication:
    return Publication(row["token"], row["workspace"], row["collection"], bool(row["show_notes"]), row["created_at"])
