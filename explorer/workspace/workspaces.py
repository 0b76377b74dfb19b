"""A workspace per browser: created with a random 256-bit secret (the cookie), found again by the
secret's SHA-256, never by anything a stranger could know or guess.

A forged, expired or unknown secret finds nothing, so a cookie never opens someone else's work.
A workspace is made when a browser session first uses its cookie (`adopt`), not when a page is
fetched: a link-preview bot that fetches pages leaves no workspace behind. A second device opens the workspace with a secret
link (one at a time, shown once, revocable), which is redeemed for a cookie of its own.

Idle workspaces (not seen for EXPLORER_WORKSPACE_TTL_DAYS) are swept: their rows (keys, notes,
published links, the reviewed layer of their collections) and their folder, nothing else.
"""

import hashlib
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlalchemy as sa

from explorer.errors import ExplorerError
from explorer.story.collections import Store
from explorer.story.database import DECISIONS, NOTES, PUBLICATIONS, WORKSPACE_KEYS, WORKSPACES, Database

FOLDER = ".workspaces"  # under EXPLORER_COLLECTIONS_DIR: one folder per workspace, named by its public id
LEGACY_SESSIONS = ".sessions"  # the per-session folders of earlier versions: unreachable, swept
COOKIE = "explorer_workspace"
LINK_PARAM = "workspace"  # /?workspace=SECRET opens a workspace on another device
SECRET_BYTES = 32  # 256 bits
TOUCH_EVERY = timedelta(minutes=10)
_SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")
ORPHAN_GRACE_SECONDS = 3600  # last_seen is rewritten at most this often per workspace


class WorkspaceError(ExplorerError):
    """A workspace that cannot be found or changed."""


@dataclass(frozen=True)
class Workspace:
    id: str  # public: names the folder; never opens anything by itself
    created_at: str
    last_seen: str

    def store(self, collections_dir: Path) -> Store:
        """This workspace's private collections."""
        return Store(folder(collections_dir, self.id), key_prefix=self.story_key(""))

    def story_key(self, name: str) -> str:
        """The reviewed layer's key of one of its collections (never equal to another workspace's)."""
        return f"workspace:{self.id}:{name}"


def folder(collections_dir: Path, workspace_id: str) -> Path:
    return Path(collections_dir) / FOLDER / workspace_id


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()


def well_formed(secret: str | None) -> bool:
    """Whether a cookie has the shape of a secret new_secret() makes (43 base64url characters)."""
    return bool(secret) and _SECRET_SHAPE.fullmatch(secret) is not None


def known(database: Database, secret: str) -> bool:
    """Whether any key (live, expired or revoked) has this secret's hash."""
    with database.connect() as connection:
        return connection.execute(sa.select(WORKSPACE_KEYS.c.secret_hash)
                                  .where(WORKSPACE_KEYS.c.secret_hash == digest(secret))).first() is not None


def create(database: Database) -> tuple[Workspace, str]:
    """A new, empty workspace and its cookie secret (returned once; only its hash is kept)."""
    secret = new_secret()
    return _insert(database, secret), secret


def adopt(database: Database, secret: str | None, ttl_days: int) -> Workspace | None:
    """The live workspace of a cookie, made now if the cookie is a fresh one the server issued
    and no workspace has it yet (None for anything else: a malformed, expired or revoked secret).

    The server's middleware issues a cookie without a workspace (a link-preview bot fetching a
    page must not leave an empty workspace behind it); the workspace is made when a browser
    session first uses the cookie. A cookie of the right shape that the server did not issue is
    adopted the same way: a new, empty workspace, never someone else's (its hash is unknown)."""
    found = find(database, secret, ttl_days)
    if found is not None or not well_formed(secret) or known(database, secret):
        return found
    try:
        return _insert(database, secret)
    except sa.exc.IntegrityError:  # another session of the same browser made it a moment ago
        return find(database, secret, ttl_days)
    except sa.exc.OperationalError:  # a database that cannot be written (full disk, read-only file):
        return None  # no workspace, and the pages say that nothing can be kept


def _insert(database: Database, secret: str) -> Workspace:
    stamp = now()
    workspace = Workspace(secrets.token_hex(16), stamp, stamp)
    with database.begin() as connection:
        connection.execute(sa.insert(WORKSPACES).values(id=workspace.id, created_at=stamp, last_seen=stamp))
        connection.execute(sa.insert(WORKSPACE_KEYS).values(secret_hash=digest(secret), workspace=workspace.id,
                                                            kind="cookie", created_at=stamp))
    return workspace


def find(database: Database, secret: str | None, ttl_days: int, kind: str = "cookie") -> Workspace | None:
    """The live workspace a secret opens, or None (unknown, forged, revoked or expired); seen now."""
    if not secret or len(secret) > 200:
        return None
    with database.connect() as connection:
        row = connection.execute(
            sa.select(WORKSPACES).join(WORKSPACE_KEYS, WORKSPACE_KEYS.c.workspace == WORKSPACES.c.id)
            .where(WORKSPACE_KEYS.c.secret_hash == digest(secret), WORKSPACE_KEYS.c.kind == kind)).mappings().first()
    if row is None or row["last_seen"] < cutoff(ttl_days):
        return None
    workspace = Workspace(row["id"], row["created_at"], row["last_seen"])
    return touch(database, workspace)


def touch(database: Database, workspace: Workspace) -> Workspace:
    """Record that the workspace is in use (at most every TOUCH_EVERY, so reads stay reads)."""
    stamp = now()
    if workspace.last_seen >= _iso(datetime.now(timezone.utc) - TOUCH_EVERY):
        return workspace
    with database.begin() as connection:
        connection.execute(sa.update(WORKSPACES).where(WORKSPACES.c.id == workspace.id).values(last_seen=stamp))
    return Workspace(workspace.id, workspace.created_at, stamp)


def get(database: Database, workspace_id: str) -> Workspace | None:
    """A workspace by its public id (the operator's CLI; never reachable from a request)."""
    with database.connect() as connection:
        row = connection.execute(sa.select(WORKSPACES).where(WORKSPACES.c.id == workspace_id)).mappings().first()
    return Workspace(row["id"], row["created_at"], row["last_seen"]) if row else None


# --- the secret link: one per workspace, shown once, revocable ---------------------------------

def new_link(database: Database, workspace: Workspace) -> str:
    """A fresh secret link token for the workspace (the previous one stops working)."""
    secret = new_secret()
    with database.begin() as connection:
        connection.execute(sa.delete(WORKSPACE_KEYS).where(WORKSPACE_KEYS.c.workspace == workspace.id,
                                                           WORKSPACE_KEYS.c.kind == "link"))
        connection.execute(sa.insert(WORKSPACE_KEYS).values(secret_hash=digest(secret), workspace=workspace.id,
                                                            kind="link", created_at=now()))
    return secret


def has_link(database: Database, workspace: Workspace) -> bool:
    with database.connect() as connection:
        return connection.execute(sa.select(sa.func.count()).select_from(WORKSPACE_KEYS).where(
            WORKSPACE_KEYS.c.workspace == workspace.id, WORKSPACE_KEYS.c.kind == "link")).scalar() > 0


def revoke_link(database: Database, workspace: Workspace) -> int:
    with database.begin() as connection:
        return connection.execute(sa.delete(WORKSPACE_KEYS).where(WORKSPACE_KEYS.c.workspace == workspace.id,
                                                                  WORKSPACE_KEYS.c.kind == "link")).rowcount


def redeem_link(database: Database, secret: str | None, ttl_days: int) -> tuple[Workspace, str] | None:
    """(workspace, a new cookie secret for this device) for a live secret link, else None."""
    workspace = find(database, secret, ttl_days, kind="link")
    if workspace is None:
        return None
    cookie = new_secret()
    with database.begin() as connection:
        connection.execute(sa.insert(WORKSPACE_KEYS).values(secret_hash=digest(cookie), workspace=workspace.id,
                                                            kind="cookie", created_at=now()))
    return workspace, cookie


# --- the operator: list, delete, sweep ----------------------------------------------------------

def list_all(database: Database) -> list[Workspace]:
    with database.connect() as connection:
        rows = connection.execute(sa.select(WORKSPACES).order_by(WORKSPACES.c.last_seen.desc())).mappings().all()
    return [Workspace(r["id"], r["created_at"], r["last_seen"]) for r in rows]


def delete(database: Database, collections_dir: Path, workspace_id: str) -> bool:
    """Delete one workspace: its rows and its folder. False if there was no such workspace."""
    with database.begin() as connection:
        gone = connection.execute(sa.delete(WORKSPACES).where(WORKSPACES.c.id == workspace_id)).rowcount
        for table in (WORKSPACE_KEYS, NOTES, PUBLICATIONS):
            connection.execute(sa.delete(table).where(table.c.workspace == workspace_id))
        connection.execute(sa.delete(DECISIONS).where(DECISIONS.c.collection.startswith(f"workspace:{workspace_id}:",
                                                                                        autoescape=True)))
    existed = _safe_id(workspace_id) and folder(collections_dir, workspace_id).is_dir()
    if existed:
        shutil.rmtree(folder(collections_dir, workspace_id), ignore_errors=True)
    return bool(gone) or existed


def sweep(database: Database, collections_dir: Path, ttl_days: int) -> list[str]:
    """Delete every workspace idle for longer than the TTL, and folders no workspace owns (a
    workspace deleted mid-upload, the per-session folders of earlier versions). Returns the ids."""
    with database.connect() as connection:
        idle = [r.id for r in connection.execute(sa.select(WORKSPACES.c.id).where(
            WORKSPACES.c.last_seen < cutoff(ttl_days)))]
        live = {r.id for r in connection.execute(sa.select(WORKSPACES.c.id))}
    for workspace_id in idle:
        delete(database, collections_dir, workspace_id)
    root = Path(collections_dir) / FOLDER
    settled = time.time() - ORPHAN_GRACE_SECONDS  # a folder being made right now is left alone
    orphans = [p for p in root.iterdir() if p.is_dir() and p.name not in live and p.stat().st_mtime < settled] \
        if root.is_dir() else []
    for path in orphans:
        shutil.rmtree(path, ignore_errors=True)
    shutil.rmtree(Path(collections_dir) / LEGACY_SESSIONS, ignore_errors=True)
    return idle + [p.name for p in orphans if p.name not in idle]


def _safe_id(workspace_id: str) -> bool:
    return bool(workspace_id) and all(c in "0123456789abcdef" for c in workspace_id) and len(workspace_id) <= 32


def now() -> str:
    return _iso(datetime.now(timezone.utc))


def cutoff(ttl_days: int) -> str:
    return _iso(datetime.now(timezone.utc) - timedelta(days=ttl_days))


def _iso(moment: datetime) -> str:
    """A fixed-width UTC timestamp, so that string order is time order in SQL on every dialect."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")

