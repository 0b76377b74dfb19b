"""The one module that reaches the database behind the reviewed layer and the workspaces.

SQLite by default: one file beside the collections (`EXPLORER_DATABASE_URL` unset), in WAL mode
so the app's readers never wait for a writer. `EXPLORER_DATABASE_URL=postgresql://...` points
several app replicas at one PostgreSQL server instead. Both are reached through SQLAlchemy Core,
which speaks both dialects with one query language, so the rest of the code never sees SQL
strings or a driver: it calls the functions of the modules that own the tables (explorer.story.
reviews, ...), which receive a `Database`.

The schema is versioned. `MIGRATIONS` is the ordered list of steps, each taking a database from
version N-1 to N; `open_database` applies the missing ones on start, in one transaction each, and
records the version reached. A test opens a database written at every earlier version.
"""

import threading
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from explorer.errors import ExplorerError

METADATA = sa.MetaData()

# --- the tables (their newest shape; MIGRATIONS build them step by step) ------------------------

SCHEMA = sa.Table("schema_version", METADATA, sa.Column("version", sa.Integer, nullable=False))

DECISIONS = sa.Table(
    "decisions", METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("collection", sa.String(200), nullable=False),  # the story's key (explorer.story.reviews)
    sa.Column("layer", sa.String(40), nullable=False),  # events, claims, coverage, entities
    sa.Column("subject", sa.String(500), nullable=False),  # which derived record the decision is about
    sa.Column("action", sa.String(40), nullable=False),  # confirm, correct, reject, add, verdict, ...
    sa.Column("payload", sa.JSON, nullable=False),  # what was decided (a corrected date, a verdict and note)
    sa.Column("author", sa.String(200), nullable=False),  # a free-text name
    sa.Column("decided_at", sa.String(40), nullable=False),  # ISO 8601, UTC
    sa.Column("cites", sa.JSON, nullable=False),  # the document ids the decision rests on
    sa.Column("flagged", sa.String(500), nullable=True),  # why it may no longer hold (a cited document removed)
    sa.Index("decisions_by_subject", "collection", "layer", "subject"),
)


# Workspaces (explorer.workspace): a browser's private collections, notes, stars and saved searches.
# Secrets (the cookie, the secret link) are stored only as their SHA-256, so a copy of the database
# opens no workspace.
WORKSPACES = sa.Table(
    "workspaces", METADATA,
    sa.Column("id", sa.String(32), primary_key=True),  # public id: folder name, CLI listing; never a secret
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("last_seen", sa.String(40), nullable=False),  # ISO 8601 UTC; idle ones are swept after the TTL
)

WORKSPACE_KEYS = sa.Table(
    "workspace_keys", METADATA,
    sa.Column("secret_hash", sa.String(64), primary_key=True),  # SHA-256 hex of a cookie or a secret link
    sa.Column("workspace", sa.String(32), nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),  # cookie, link
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Index("workspace_keys_by_workspace", "workspace"),
)

PUBLICATIONS = sa.Table(
    "publications", METADATA,
    sa.Column("token", sa.String(80), primary_key=True),  # what `c=` carries: public by design once shared
    sa.Column("workspace", sa.String(32), nullable=True),  # the owner; NULL: the operator's (CLI) collection
    sa.Column("collection", sa.String(40), nullable=False),
    sa.Column("show_notes", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Index("publications_by_owner", "workspace", "collection"),
)

NOTES = sa.Table(
    "notes", METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("workspace", sa.String(32), nullable=False),
    sa.Column("collection", sa.String(40), nullable=False),
    sa.Column("kind", sa.String(10), nullable=False),  # star, note, search
    sa.Column("passage", sa.String(300), nullable=True),  # the passage id (star, note)
    sa.Column("quote", sa.Text, nullable=False),  # the span a note is about (the whole passage if none)
    sa.Column("text", sa.Text, nullable=False),  # the note itself; a saved search's name
    sa.Column("citation", sa.Text, nullable=False),  # the source line, as the search page cites it
    sa.Column("permalink", sa.Text, nullable=False),  # the view's URL path and query (no host)
    sa.Column("params", sa.JSON, nullable=False),  # a saved search's parameters
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Index("notes_by_workspace", "workspace", "collection"),
)


def _v1(connection) -> None:
    """Version 1: the reviewed layer's decisions."""
    DECISIONS.create(connection)


def _v2(connection) -> None:
    """Version 2: workspaces, their keys (cookies, secret links), published links and notebooks."""
    for table in (WORKSPACES, WORKSPACE_KEYS, PUBLICATIONS, NOTES):
        table.create(connection)


# Each step takes the schema from version N-1 to N (N = its position + 1). Append, never edit.
MIGRATIONS = [_v1, _v2]
VERSION = len(MIGRATIONS)


class DatabaseError(ExplorerError):
    """The database cannot be opened, migrated or written; the message says what to do."""


@dataclass(frozen=True)
class Database:
    """An open database: the SQLAlchemy engine and the URL it was opened from (password hidden)."""

    engine: sa.Engine
    shown_url: str

    def begin(self):
        """A transaction: `with db.begin() as connection: ...` commits on success, rolls back on error."""
        return self.engine.begin()

    def connect(self):
        return self.engine.connect()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name


_OPEN: dict[str, Database] = {}
_LOCK = threading.Lock()


def open_database(url: str) -> Database:
    """The database at `url`, migrated to VERSION; one engine per URL per process."""
    with _LOCK:
        if url not in _OPEN:
            _OPEN[url] = _open(url)
        return _OPEN[url]


def close_all() -> None:
    """Dispose of every engine this process opened (tests; a server that shuts down)."""
    with _LOCK:
        for database in _OPEN.values():
            database.engine.dispose()
        _OPEN.clear()


def _open(url: str, upto: int = VERSION) -> Database:
    shown = _hide_password(url)
    try:
        engine = _engine(url)
        migrate(engine, upto)
    except sa.exc.ArgumentError:
        raise DatabaseError(f"EXPLORER_DATABASE_URL={shown!r} is not a database URL.",
                            "Use sqlite:////path/to/explorer.sqlite or postgresql://user:password@host:5432/name.") from None
    except sa.exc.OperationalError as error:
        raise DatabaseError(f"The database {shown} cannot be opened ({_first_line(error)}).",
                            "Check that it is reachable and writable, and that the disk is not full.") from None
    except sa.exc.DatabaseError as error:
        raise DatabaseError(f"The database {shown} is damaged or is not an explorer database ({_first_line(error)}).",
                            "Restore it from a backup, or move it away to start an empty one.") from None
    return Database(engine, shown)


def _engine(url: str) -> sa.Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")  # psycopg 3, not psycopg2
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseError(f"The database folder {path.parent} cannot be created ({error.strerror or error}).",
                                "Set EXPLORER_DATABASE_URL to a database this server can write, or make "
                                "EXPLORER_COLLECTIONS_DIR writable.") from None
        engine = sa.create_engine(url, connect_args={"timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def schema_version(engine: sa.Engine) -> int:
    """The version a database is at (0: empty)."""
    with engine.connect() as connection:
        if not sa.inspect(connection).has_table(SCHEMA.name):
            return 0
        return int(connection.execute(sa.select(sa.func.max(SCHEMA.c.version))).scalar() or 0)


def migrate(engine: sa.Engine, upto: int = VERSION) -> int:
    """Apply the missing steps up to `upto`, each in its own transaction; returns the version reached.
    A database newer than this code is refused rather than written to."""
    current = schema_version(engine)
    if current > VERSION:
        raise DatabaseError(f"The database is at schema version {current}; this explorer knows up to {VERSION}.",
                            "Upgrade the explorer, or point EXPLORER_DATABASE_URL at another database.")
    for version in range(current + 1, upto + 1):
        with engine.begin() as connection:
            if version == 1:
                SCHEMA.create(connection, checkfirst=True)
            MIGRATIONS[version - 1](connection)
            connection.execute(sa.delete(SCHEMA))
            connection.execute(sa.insert(SCHEMA).values(version=version))
    return max(current, upto)


def _hide_password(url: str) -> str:
    import re

    return re.sub(r"//([^/:@]*):[^/@]*@", r"//\1:…@", url)


def _first_line(error: Exception) -> str:
    text = str(getattr(error, "orig", None) or error)
    return text.strip().splitlines()[0][:200] if text.strip() else type(error).__name__
