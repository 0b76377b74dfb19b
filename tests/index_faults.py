"""Damage a built index in every way an unlucky operator could, and report what loading does.

Used by tests/test_index_faults.py. Run as a module (`python -m tests.index_faults CASES.json`)
it evaluates cases in a child process, so the test can run it as user `nobody`: we run as root,
and root reads and writes through any permission bits, so an unreadable file or a read-only
folder only means something to another user.
"""

import json
import sys
import traceback
from pathlib import Path

from explorer.store.index import INDEX_FILES, MANIFEST

# The store's keyword index: files bm25s writes under bm25/ (one per kind of content), read on open.
STORE_FILES = ("bm25/params.index.json", "bm25/vocab.index.json", "bm25/data.csc.index.npy")

QUERIES = ("Microsoft investment in Mistral", "egress fees for cloud customers", "regulators merger probe")


def truncate(index: Path, name: str) -> None:
    data = (index / name).read_bytes()
    (index / name).write_bytes(data[: len(data) // 2])


def corrupt(index: Path, name: str) -> None:
    """Same length, a few bytes changed late in the file (the data, not the header): a file that
    may still parse, with wrong content."""
    data = bytearray((index / name).read_bytes())
    at = len(data) * 3 // 4
    for i in range(at, min(at + 16, len(data))):
        data[i] = data[i] ^ 0x20 if chr(data[i]).isalpha() else data[i] ^ 0x01
    (index / name).write_bytes(bytes(data))


def delete(index: Path, name: str) -> None:
    (index / name).unlink()


def directory(index: Path, name: str) -> None:
    (index / name).unlink()
    (index / name).mkdir()
    (index / name / "stray").write_text("not an index file")


def unreadable(index: Path, name: str) -> None:
    (index / name).chmod(0)  # owned by root: user nobody cannot read it


def _edit_manifest(index: Path, edit) -> None:
    manifest = json.loads((index / MANIFEST).read_text())
    edit(manifest)
    (index / MANIFEST).write_text(json.dumps(manifest))


def unlisted(index: Path, name: str) -> None:
    """The file is changed and the manifest no longer lists it: a partial list."""
    corrupt(index, name)
    _edit_manifest(index, lambda m: m["files"].pop(name))


def empty_list(index: Path, name: str) -> None:
    corrupt(index, name)
    _edit_manifest(index, lambda m: m.update(files={}))


def no_list(index: Path, name: str) -> None:
    corrupt(index, name)
    _edit_manifest(index, lambda m: m.pop("files"))


FILE_FAULTS = {f.__name__: f for f in (truncate, corrupt, delete, directory, unreadable)}
LIST_FAULTS = {f.__name__: f for f in (unlisted, empty_list, no_list)}


def cases() -> list[tuple[str, str]]:
    """(file, fault) for every index file the loader reads and the manifest."""
    files = INDEX_FILES + STORE_FILES
    found = [(name, fault) for name in files + (MANIFEST,) for fault in FILE_FAULTS]
    return found + [(name, fault) for name in files for fault in LIST_FAULTS]


def apply(index: Path, name: str, fault: str) -> None:
    {**FILE_FAULTS, **LIST_FAULTS}[fault](index, name)


def hits(config) -> list:
    """Ids and scores of the hits of QUERIES, or raises if the index is refused."""
    from explorer.search.engine import Engine
    from explorer.store.index import load_index
    from tests.fakes import HashEncoder

    engine = Engine(load_index(config.index_dir, config.model_id, config.corpus_dir), config, HashEncoder())
    return [[[h.passage.id, round(h.score, 6)] for h in engine.search(q).hits] for q in QUERIES]


def outcome(corpus: Path, index: Path) -> dict:
    """What happens to a damaged index: is it served as it is (it must not be), and what does
    ensure_index do (rebuild, or a message)? Then the hits served afterwards, if any."""
    from explorer.errors import ExplorerError
    from explorer.store.index import ensure_index
    from explorer.settings import Config
    from tests.fakes import HashEncoder

    config = Config(model="hash-encoder", quantize=False, corpus_dir=corpus, index_dir=index)
    result = {"served_damaged": None, "action": None, "error": None, "error_type": None, "hits": None}
    try:
        result["served_damaged"] = hits(config)
    except ExplorerError:
        pass
    try:
        result["action"] = ensure_index(config, HashEncoder)[0]
        result["hits"] = hits(config)
    except ExplorerError as error:
        result["error"], result["error_type"] = str(error), type(error).__name__
    except Exception:  # noqa: BLE001 - the test asserts there is none
        result["error"], result["error_type"] = traceback.format_exc(), "traceback"
    return result


def main(path: str) -> None:
    jobs = json.loads(Path(path).read_text())
    print(json.dumps({key: outcome(Path(corpus), Path(index)) for key, (corpus, index) in jobs.items()}))


if __name__ == "__main__":
    main(sys.argv[1])
