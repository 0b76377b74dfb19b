"""Collections: named sets of documents, each with its own corpus folder, index and manifest.

The bundled story is the default collection (`DEFAULT`): read-only, served from the configured
corpus/ and index/, titled by its corpus/story.json. Every other collection lives under a root folder:

    ROOT/NAME/current -> versions/V      the version readers open (a symlink, swapped atomically)
    ROOT/NAME/versions/V/corpus/         one text document (JSON + .txt) per added document
    ROOT/NAME/versions/V/index/          its index (same format as index/)
    ROOT/NAME/versions/V/collection.json its manifest: the documents, where they came from
    ROOT/NAME/embeddings.sqlite          the content-hash embedding cache (explorer.ingest.embed_cache)

A change (add, remove) is built in a staging folder and becomes visible only when `current` is
swapped to it, so a half-written collection is never served and killing the process mid-add
loses nothing already in the collection. Unchanged passages are never embedded again.
"""

import dataclasses
import fcntl
import json
import os
import re
import shutil
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from explorer.errors import ExplorerError
from explorer.settings import Config

DEFAULT = "mistral"
DEFAULT_TITLE = "The bundled story"  # when its story.json names none
NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
MANIFEST = "collection.json"


class CollectionError(ExplorerError):
    """A collection that does not exist, cannot be changed, or a bad name."""


@dataclass(frozen=True)
class DocumentEntry:
    id: str
    title: str
    source_name: str  # the uploaded file's name, for display only: never used as a path
    format: str
    content_hash: str
    added_at: str
    date: str | None = None
    url: str | None = None
    author: str | None = None
    pages: int = 0
    warnings: tuple[str, ...] = ()  # what extraction and indexing said about it (shown where it is listed)


@dataclass(frozen=True)
class Collection:
    name: str
    title: str
    corpus_dir: Path
    index_dir: Path
    read_only: bool
    documents: tuple[DocumentEntry, ...] = ()
    # Set by the one resolver of `c=` (explorer.workspace.access), never from a name alone:
    key: str = ""  # the reviewed layer's key ("" means the name: the operator's CLI collections)
    published: str = ""  # the token of a published, read-only view of someone's collection

    @property
    def story_key(self) -> str:
        return self.key or self.name

    @property
    def param(self) -> str:
        """What `c=` says for this collection ("" for the bundled story): a published view keeps its token."""
        return "" if self.name == DEFAULT and self.read_only else (self.published or self.name)

    def config(self, base: Config) -> Config:
        """The settings with this collection's corpus and index folders."""
        return dataclasses.replace(base, corpus_dir=self.corpus_dir, index_dir=self.index_dir)

    def document(self, doc_id_or_name: str) -> DocumentEntry | None:
        return next((d for d in self.documents if doc_id_or_name in (d.id, d.source_name)), None)


@dataclass(frozen=True)
class FileResult:
    name: str
    status: str  # added, skipped, failed
    message: str
    documents: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()  # also in `message`; kept apart for pages that show them apart


def bundled(config: Config) -> Collection:
    return Collection(DEFAULT, _bundled_title(config.corpus_dir), config.corpus_dir, config.index_dir, read_only=True)


def _bundled_title(corpus_dir: Path) -> str:
    """The title the bundled story's story.json gives (read here without validating: the story
    model names a damaged file when the story is opened)."""
    try:
        title = json.loads((Path(corpus_dir) / "story.json").read_text(encoding="utf-8")).get("title")
    except (OSError, ValueError, AttributeError):
        return DEFAULT_TITLE
    return title if isinstance(title, str) and title.strip() else DEFAULT_TITLE


def persistent(config: Config) -> "Store":
    """The operator's collections (made with the CLI; readable in the browser only when published)."""
    return Store(config.collections_dir)


def resolve(config: Config, name: str | None, private: "Store | None" = None) -> Collection:
    """The collection a name means to the operator (the CLI): the bundled story or one of the
    operator's collections. The pages, twins and previews never call this: they resolve `c=` with
    explorer.workspace.access, which finds no collection by a name that is not the reader's own."""
    if not name or name == DEFAULT:
        return bundled(config)
    if private is not None and private.exists(name):
        return private.get(name)
    store = persistent(config)
    if store.exists(name):
        return store.get(name)
    raise CollectionError(f"There is no collection named '{str(name)[:40]}' here.",
                          "`python -m explorer collection list` lists the operator's collections; a browser's "
                          "own collections are in its workspace (`python -m explorer workspace list`).")


def check_name(name: str) -> str:
    if not NAME.match(name or "") or name == DEFAULT:
        raise CollectionError(f"'{str(name)[:40]}' is not a usable collection name.",
                              f"Use 1 to 40 lower-case letters, digits and hyphens (not '{DEFAULT}', the bundled story).")
    return name


class Store:
    """The collections under one root folder (the operator's, or one browser workspace's).

    `key_prefix` makes the reviewed layer's key of each collection it opens: "" for the operator's
    (the key is the name), "workspace:ID:" for a workspace's, so two stores' collections of one name
    never share decisions, however a collection is reached (a page, an upload, a removal)."""

    def __init__(self, root: Path, key_prefix: str = ""):
        self.root = Path(root)
        self.key_prefix = key_prefix

    def names(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir()
                      if ((p / "current").exists() or (p / "current").is_symlink()) and NAME.match(p.name))

    def exists(self, name: str) -> bool:
        return name in self.names()

    def get(self, name: str) -> Collection:
        folder = self.root / name
        current = folder / "current"
        if not NAME.match(name or "") or not (current.exists() or current.is_symlink()):
            raise CollectionError(f"There is no collection named '{str(name)[:40]}'.",
                                  "List them with `python -m explorer collection list`.")
        if not current.exists():
            raise _damaged(name, "its `current` link points at a version that is missing")
        version = current.resolve()
        try:
            raw = json.loads((version / MANIFEST).read_text(encoding="utf-8"))
            documents = tuple(DocumentEntry(**{**d, "warnings": tuple(d.get("warnings") or ())})
                              for d in raw.get("documents", []))
            title = raw.get("title") or name
        except FileNotFoundError:
            raise _damaged(name, f"its {MANIFEST} is missing") from None
        except json.JSONDecodeError as error:
            raise _damaged(name, f"its {MANIFEST} is cut short or garbled (line {error.lineno})") from None
        except UnicodeDecodeError:
            raise _damaged(name, f"its {MANIFEST} is not UTF-8 text") from None
        except (TypeError, AttributeError, ValueError):
            raise _damaged(name, f"its {MANIFEST} does not describe documents as this version writes them") from None
        except OSError as error:
            raise _damaged(name, f"its {MANIFEST} cannot be read ({error.strerror or type(error).__name__})") from None
        return Collection(name, str(title), version / "corpus", version / "index", False, documents,
                          key=f"{self.key_prefix}{name}" if self.key_prefix else "")

    def create(self, name: str, title: str = "") -> Collection:
        check_name(name)
        if self.exists(name):
            raise CollectionError(f"A collection named '{name}' already exists.", "Choose another name, or add to it.")
        with self._lock(name):
            staging = self._staging(name)
            (staging / "corpus").mkdir(parents=True)
            self._write_manifest(staging, title or name, [])
            self._publish(name, staging)
        return self.get(name)

    def delete(self, name: str) -> None:
        check_name(name)
        with self._lock(name):
            shutil.rmtree(self.root / name, ignore_errors=True)

    # --- changes ---------------------------------------------------------------------------

    @contextmanager
    def change(self, name: str):
        """A staging copy of the collection's current version, published only if the block ends
        without an exception. Yields (staging folder, documents list to edit in place)."""
        collection = self.get(name)
        with self._lock(name):
            staging = self._staging(name)
            try:
                shutil.copytree(collection.corpus_dir, staging / "corpus")
                documents = list(collection.documents)
                yield staging, documents
                self._write_manifest(staging, collection.title, documents)
                self._publish(name, staging)
            finally:
                if staging.exists():
                    shutil.rmtree(staging, ignore_errors=True)

    def cache_path(self, name: str) -> Path:
        return self.root / name / "embeddings.sqlite"

    # --- internals -------------------------------------------------------------------------

    def _staging(self, name: str) -> Path:
        versions = self.root / name / "versions"
        versions.mkdir(parents=True, exist_ok=True)
        for old in versions.glob(".staging-*"):  # left behind by a killed change
            shutil.rmtree(old, ignore_errors=True)
        return versions / f".staging-{uuid.uuid4().hex[:8]}"

    def _write_manifest(self, staging: Path, title: str, documents: list[DocumentEntry]) -> None:
        data = {"format": 1, "title": title, "updated_at": now_utc(), "documents": [dataclasses.asdict(d) for d in documents]}
        (staging / MANIFEST).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")

    def _publish(self, name: str, staging: Path) -> None:
        """Rename the staging folder to a version, then swap `current` to it in one rename."""
        folder = self.root / name
        version = folder / "versions" / f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
        os.replace(staging, version)
        link = folder / f".current-{uuid.uuid4().hex[:6]}"
        os.symlink(os.path.relpath(version, folder), link)
        previous = (folder / "current").resolve() if (folder / "current").exists() else None
        os.replace(link, folder / "current")
        if previous is not None and previous != version.resolve():
            shutil.rmtree(previous, ignore_errors=True)

    @contextmanager
    def _lock(self, name: str):
        folder = self.root / name
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / ".lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _damaged(name: str, what: str) -> CollectionError:
    return CollectionError(f"Collection '{name}' is damaged: {what}, so it cannot be opened.",
                           f"Restore the folder '{name}' in the collections folder from a backup, or delete that "
                           "folder and add the documents again to a new collection.")


def now_utc() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
