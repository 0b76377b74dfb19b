"""A workspace's notebook: starred passages, notes on a passage or a span of it, saved searches.

Each entry keeps what a draft needs without the app: the quoted text (the span a note is about,
or the whole passage), the citation's source line and the permalink of the view (a path and
query, made absolute with the app's address when shown or exported). Entries belong to one
workspace and one collection; the owner of a published collection chooses whether it shows them.

Exports: Markdown ready to paste into a draft (per entry: the quote, the citation, the permalink,
then the note), CSV and JSON.
"""

import csv
import io
import json
from urllib.parse import urlencode
from dataclasses import asdict, dataclass

import sqlalchemy as sa

from explorer.errors import ExplorerError
from explorer.story.database import NOTES, Database
from explorer.workspace.workspaces import now

KINDS = ("star", "note", "search")
MAX_NOTE = 5_000
MAX_QUOTE = 5_000
MAX_NAME = 200
COLUMNS = ("kind", "passage", "quote", "text", "citation", "permalink", "created_at")


class NotebookError(ExplorerError):
    """A note that cannot be kept (empty, too long, a span not in the passage)."""


@dataclass(frozen=True)
class Entry:
    id: int
    kind: str  # star, note, search
    passage: str | None
    quote: str
    text: str  # the note; a saved search's name
    citation: str
    permalink: str  # path and query without the collection, e.g. /search?p=article:8
    params: dict
    created_at: str

    def link(self, base: str, collection_param: str = "") -> str:
        """The absolute permalink in the view it is shown in (`collection_param`: that view's `c`,
        so a published view's notes link to the published view, not to the owner's private one)."""
        if not collection_param:
            return base.rstrip("/") + self.permalink
        joiner = "&" if "?" in self.permalink else "?"
        return base.rstrip("/") + self.permalink + joiner + urlencode({"c": collection_param})


@dataclass(frozen=True)
class Notebook:
    """One workspace's entries on one collection (`collection` is the collection's name)."""

    database: Database
    workspace: str
    collection: str

    def entries(self, kind: str | None = None) -> list[Entry]:
        query = sa.select(NOTES).where(NOTES.c.workspace == self.workspace, NOTES.c.collection == self.collection)
        if kind:
            query = query.where(NOTES.c.kind == kind)
        with self.database.connect() as connection:
            rows = connection.execute(query.order_by(NOTES.c.id)).mappings().all()
        return [Entry(r["id"], r["kind"], r["passage"], r["quote"], r["text"], r["citation"], r["permalink"],
                      r["params"] or {}, r["created_at"]) for r in rows]

    def starred(self) -> set[str]:
        return {e.passage for e in self.entries("star")}

    def star(self, passage_id: str, quote: str, citation: str, permalink: str) -> bool:
        """Star a passage, or unstar it if it was starred; returns whether it is starred now."""
        with self.database.begin() as connection:
            gone = connection.execute(sa.delete(NOTES).where(*self._where("star"), NOTES.c.passage == passage_id)).rowcount
            if gone:
                return False
            connection.execute(sa.insert(NOTES).values(**self._row("star", passage_id, quote[:MAX_QUOTE], "",
                                                                   citation, permalink, {})))
        return True

    def note(self, passage_id: str, passage_text: str, text: str, citation: str, permalink: str,
             span: str = "") -> Entry:
        """A note on a passage, or on a span of it (which must be in the passage: a quote is verbatim)."""
        text = (text or "").strip()
        if not text:
            raise NotebookError("A note needs some text.", "Type what you want to remember about this passage.")
        if len(text) > MAX_NOTE:
            raise NotebookError(f"The note is {len(text):,} characters long.", f"Keep it under {MAX_NOTE:,}.")
        span = " ".join((span or "").split())
        flat = " ".join(passage_text.split())
        if span and span not in flat:
            raise NotebookError("The quoted span is not in this passage, word for word.",
                                "Copy the words from the passage itself, or leave the span empty to quote it whole.")
        quote = (span or flat)[:MAX_QUOTE]
        return self._insert(self._row("note", passage_id, quote, text, citation, permalink, {}))

    def save_search(self, name: str, params: dict, permalink: str) -> Entry:
        name = " ".join((name or "").split())[:MAX_NAME]
        if not name:
            raise NotebookError("A saved search needs a name.", "Type a short name for it.")
        return self._insert(self._row("search", None, "", name, "", permalink, dict(params)))

    def delete(self, entry_id: int) -> bool:
        with self.database.begin() as connection:
            return connection.execute(sa.delete(NOTES).where(*self._where(), NOTES.c.id == entry_id)).rowcount > 0

    # --- exports ----------------------------------------------------------------------------

    def to_markdown(self, base: str, title: str, c: str = "") -> str:
        """Ready to paste into a draft: each note and star as its quote, its citation and its
        permalink (then the note), and the saved searches as links."""
        entries = self.entries()
        lines = [f"# Notebook: {title}", ""]
        for entry in [e for e in entries if e.kind in ("note", "star")]:
            lines.append(f"> {entry.quote}")
            lines.append("")
            lines.append(f"{entry.citation} {entry.link(base, c)}".strip())
            if entry.kind == "note":
                lines += ["", f"Note: {entry.text}"]
            else:
                lines += ["", "Starred."]
            lines.append("")
        searches = [e for e in entries if e.kind == "search"]
        if searches:
            lines += ["## Saved searches", ""] + [f"- {e.text}: {e.link(base, c)}" for e in searches] + [""]
        return "\n".join(lines)

    def to_csv(self, base: str, c: str = "") -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for entry in self.entries():
            row = {**asdict(entry), "permalink": entry.link(base, c)}
            writer.writerow([_cell(row[c]) for c in COLUMNS])
        return out.getvalue()

    def to_json(self, base: str, c: str = "") -> str:
        return json.dumps([{**asdict(e), "permalink": e.link(base, c)} for e in self.entries()],
                          ensure_ascii=False, indent=2)

    # --- internals --------------------------------------------------------------------------

    def _where(self, kind: str | None = None):
        conditions = [NOTES.c.workspace == self.workspace, NOTES.c.collection == self.collection]
        return conditions + ([NOTES.c.kind == kind] if kind else [])

    def _row(self, kind, passage, quote, text, citation, permalink, params) -> dict:
        return {"workspace": self.workspace, "collection": self.collection, "kind": kind, "passage": passage,
                "quote": quote, "text": text, "citation": citation or "", "permalink": permalink, "params": params,
                "created_at": now()}

    def _insert(self, row: dict) -> Entry:
        with self.database.begin() as connection:
            new_id = connection.execute(sa.insert(NOTES).values(**row)).inserted_primary_key[0]
        return Entry(new_id, row["kind"], row["passage"], row["quote"], row["text"], row["citation"],
                     row["permalink"], row["params"], row["created_at"])


def _cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
