"""The reviewed layer: what a person decided about a story's derived records.

A decision names its layer (events, claims, coverage, entities), its subject (the key of the
derived record it is about: an event id, a claim key, "principles|3|article:12" for a coverage
pair, an entity key), an action (confirm, correct, reject, add; verdict; discussed, not
discussed; merge, rename, hide), a payload (what was decided), who decided it (a free-text name),
when, and the documents it rests on. Decisions are appended, never updated: the latest decision on
a subject is the one in force, and the history stays. Nothing here writes a document.

A story whose collection is read-only (the bundled story) has a shipped reviewed layer, read from
its corpus files (explorer.story.shipped), and takes no new decisions.
"""

from dataclasses import dataclass, field
from datetime import datetime, timezone

import sqlalchemy as sa

from explorer.errors import ExplorerError
from explorer.story.database import DECISIONS, Database

LAYERS = ("events", "claims", "coverage", "entities")
MAX_AUTHOR = 200
MAX_PAYLOAD_CHARS = 20_000


class ReviewError(ExplorerError):
    """A decision that cannot be recorded (read-only story, bad layer, missing name)."""


@dataclass(frozen=True)
class Decision:
    layer: str
    subject: str
    action: str
    payload: dict
    author: str
    decided_at: str
    cites: tuple[str, ...] = ()
    flagged: str | None = None
    id: int | None = None  # None for a shipped decision (it lives in a corpus file, not the database)
    origin: str = "database"  # "database", or "shipped" (the bundled story's corpus files)

    def to_dict(self) -> dict:
        return {"layer": self.layer, "subject": self.subject, "action": self.action, "payload": self.payload,
                "author": self.author, "decided_at": self.decided_at, "cites": list(self.cites),
                "flagged": self.flagged, "origin": self.origin}


@dataclass
class Reviews:
    """One story's reviewed layer: its shipped decisions, then those recorded in the database."""

    key: str  # the story's collection key
    database: Database | None  # None: the story takes no new decisions (read-only)
    shipped: list[Decision] = field(default_factory=list)
    read_only: bool = False  # a published view: its decisions are read from the database, never written

    @property
    def writable(self) -> bool:
        return self.database is not None and not self.read_only

    def record(self, layer: str, subject: str, action: str, payload: dict | None, author: str,
               cites=()) -> Decision:
        """Append one decision; returns it as stored."""
        if not self.writable:
            raise ReviewError("This story is read-only: its reviewed layer ships with it.",
                              "Add the documents to a collection of your own to review them.")
        if layer not in LAYERS:
            raise ReviewError(f"Unknown layer {layer!r}.", f"Layers: {', '.join(LAYERS)}.")
        author = " ".join((author or "").split())[:MAX_AUTHOR]
        if not author:
            raise ReviewError("A decision needs the name of the person who made it.", "Type your name.")
        payload = dict(payload or {})
        if len(repr(payload)) > MAX_PAYLOAD_CHARS:
            raise ReviewError("That note is too long to keep.", f"Keep it under {MAX_PAYLOAD_CHARS:,} characters.")
        row = {"collection": self.key, "layer": layer, "subject": str(subject)[:500], "action": action[:40],
               "payload": payload, "author": author, "decided_at": now(), "cites": list(dict.fromkeys(cites)),
               "flagged": None}
        with self.database.begin() as connection:
            new_id = connection.execute(sa.insert(DECISIONS).values(**row)).inserted_primary_key[0]
        return _decision({**row, "id": new_id})

    def history(self, layer: str, subject: str | None = None) -> list[Decision]:
        """Every decision of a layer (or on one subject), oldest first: shipped, then recorded."""
        shipped = [d for d in self.shipped if d.layer == layer and (subject is None or d.subject == subject)]
        if self.database is None:
            return shipped
        query = sa.select(DECISIONS).where(DECISIONS.c.collection == self.key, DECISIONS.c.layer == layer)
        if subject is not None:
            query = query.where(DECISIONS.c.subject == subject)
        with self.database.connect() as connection:
            rows = connection.execute(query.order_by(DECISIONS.c.id)).mappings().all()
        return shipped + [_decision(dict(r)) for r in rows]

    def current(self, layer: str) -> dict[str, Decision]:
        """The decision in force on each subject of a layer (the latest)."""
        latest: dict[str, Decision] = {}
        for decision in self.history(layer):
            latest[decision.subject] = decision
        return latest

    def count(self, layer: str) -> int:
        return len(self.current(layer))

    def flag_citing(self, document_ids, reason: str) -> int:
        """Mark (never delete) the decisions that cite any of these documents; returns how many."""
        if not self.writable:
            return 0
        wanted = set(document_ids)
        with self.database.begin() as connection:
            rows = connection.execute(sa.select(DECISIONS.c.id, DECISIONS.c.cites)
                                      .where(DECISIONS.c.collection == self.key)).all()
            hit = [row.id for row in rows if wanted & set(row.cites or [])]
            if hit:
                connection.execute(sa.update(DECISIONS).where(DECISIONS.c.id.in_(hit)).values(flagged=reason[:500]))
        return len(hit)

    def forget_collection(self) -> int:
        """Delete every decision of this story (its collection is deleted); returns how many."""
        if not self.writable:
            return 0
        with self.database.begin() as connection:
            return connection.execute(sa.delete(DECISIONS).where(DECISIONS.c.collection == self.key)).rowcount


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _decision(row: dict) -> Decision:
    return Decision(layer=row["layer"], subject=row["subject"], action=row["action"], payload=row["payload"] or {},
                    author=row["author"], decided_at=row["decided_at"], cites=tuple(row["cites"] or ()),
                    flagged=row["flagged"], id=row["id"])
