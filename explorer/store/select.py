"""Which search store answers the engine's queries: the setting EXPLORER_STORE.

The index folder stays the record of what was built (manifest, passages, vectors, the curated
passages' sentence vectors), and every store is filled from it, so changing stores never embeds
anything again. With `faiss` (the default) the folder's own FaissStore answers. With
`milvus:PATH` or `milvus:URI`, the passages and their vectors are copied once into a Milvus
collection named after the index folder and its build: a new build gets a new collection (the
previous ones of the same folder are dropped), and a copy cut short (a killed process) is made
again, because its row count is short. Milvus then answers the dense, keyword and
document-frequency questions; the engine's fusion, explanations and highlights stay the same, so
hits keep one contract whatever the store (tests/test_store_gold.py measures both).

The engine still reads the passage list and the vectors of its index folder (for document
lists, context, "more like this" and the principles comparison); docs/SCALING.md says what
that means for an archive beyond one machine.
"""

import hashlib
from pathlib import Path

from explorer.errors import ExplorerError
from explorer.store import SearchStore

COPY_BATCH = 2000  # passages per insert when filling a Milvus collection


def search_store(config, loaded) -> SearchStore:
    """The store the configuration names, holding exactly the loaded index's passages."""
    if getattr(config, "store", "faiss") != "milvus":
        return loaded.store
    return milvus_copy(config.store_uri, loaded)


def copy_name(index_dir: Path, manifest: dict) -> tuple[str, str]:
    """(name, family): the Milvus name of this build of this index folder, and the prefix all
    builds of the folder share (for dropping the old ones)."""
    family = hashlib.sha1(str(Path(index_dir).resolve()).encode("utf-8")).hexdigest()[:10]
    build = hashlib.sha1(f"{manifest.get('corpus_fingerprint')}|{manifest.get('built_at')}|"
                         f"{sorted((manifest.get('files') or {}).items())}".encode("utf-8")).hexdigest()[:10]
    return f"i{family}_{build}", f"i{family}_"


def milvus_copy(uri: str, loaded) -> SearchStore:
    """A Milvus store holding the loaded index's passages and vectors: opened if a complete copy
    of this build is there, else made from the index folder."""
    from explorer.store.milvus_store import MilvusStore, drop_family

    name, family = copy_name(loaded.store.folder, loaded.manifest)
    passages = loaded.passages
    try:
        store = MilvusStore.open(uri, name)
        if len(store) == len(passages):
            return store
        store.close()
    except ExplorerError:
        pass  # no copy of this build yet (a connection problem surfaces again just below)
    store = MilvusStore.create(uri, name, int(loaded.store.dimension))
    vectors = loaded.store.vectors
    for start in range(0, len(passages), COPY_BATCH):
        store.add(passages[start:start + COPY_BATCH], vectors[start:start + COPY_BATCH])
    drop_family(uri, family, keep=name)
    return store
