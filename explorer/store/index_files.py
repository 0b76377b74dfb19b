"""Writing an index folder safely: whether it can be written at all, one build at a time (a lock
file), and each file written atomically with its hash recorded for the manifest
(explorer.store.index lists and checks them on load)."""

import fcntl
import hashlib
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from explorer.errors import IndexNotWritableError
from explorer.store import faiss_store
from explorer.store.faiss_store import FaissStore

LOCK = ".build.lock"  # not part of the index: held while a build runs, so two never overlap
WRITABLE_HINT = ("Set EXPLORER_INDEX_DIR to a writable folder (the app builds the index there), or run "
                 "`python -m explorer build` where this folder can be written.")


def check_writable(index_dir: Path, why: str = "") -> None:
    """Raise IndexNotWritableError unless the index folder exists (or can be created) and a file
    can be written in it. Tried, not predicted: permission bits say nothing about a read-only
    mount, and nothing about root."""
    index_dir = Path(index_dir)
    because = f" {why}" if why else ""
    if index_dir.exists() and not index_dir.is_dir():
        raise IndexNotWritableError(f"The index folder {index_dir} is a file, not a folder.{because}",
                                    "Set EXPLORER_INDEX_DIR to a folder (it is created if missing), or move that file away.")
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=index_dir):
            pass
    except OSError as e:
        raise IndexNotWritableError(f"{index_dir} is read-only ({e.strerror or e}), so the index cannot be built there.{because}",
                                    WRITABLE_HINT) from None


@contextmanager
def build_lock(index_dir: Path):
    """Hold the folder's build lock: a second build (another thread, process or `make run`) waits
    here, then finds the index fresh. The kernel releases it if the builder dies."""
    with open(Path(index_dir) / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class IndexFiles:
    """Writes the index's files atomically (a temporary name, then a rename) and records the hash of
    each: whatever the builder writes through here is listed in the manifest and checked on load."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self.written: dict[str, str] = {}

    def write(self, name: str, data: bytes, record: bool = True) -> None:
        self.write_with(name, lambda tmp: tmp.write_bytes(data), record)

    def write_with(self, name: str, write, record: bool = True) -> None:
        """`write(tmp_path)` writes the file's content; it is then hashed and moved into place."""
        path = self.index_dir / name
        tmp = path.with_name(path.name + ".tmp")
        try:
            _clear(tmp)
            write(tmp)
            digest = sha256(tmp)
            _clear(path)  # a directory left where a file belongs (os.replace cannot overwrite it)
            os.replace(tmp, path)
        except OSError as e:
            raise IndexNotWritableError(f"Cannot write the index file {path} ({e.strerror or e}).", WRITABLE_HINT) from None
        except RuntimeError as e:  # faiss reports its I/O errors as RuntimeError
            raise IndexNotWritableError(f"Cannot write the index file {path} ({str(e).splitlines()[0][:200]}).",
                                        WRITABLE_HINT) from None
        if record:
            self.written[name] = digest

    def save_store(self, store: FaissStore) -> None:
        """Let the store write its files (it knows their formats), then record each one's hash.
        Directories left where its files belong are removed first, as for our own files."""
        for name in faiss_store.OWN_FILES:
            _clear(self.index_dir / name)
        if (self.index_dir / faiss_store.BM25_DIR).is_file():
            (self.index_dir / faiss_store.BM25_DIR).unlink()
        try:
            names = store.save()
            self.written.update({name: sha256(self.index_dir / name) for name in names})
        except OSError as e:
            raise IndexNotWritableError(f"Cannot write the index in {self.index_dir} ({e.strerror or e}).",
                                        WRITABLE_HINT) from None
        except RuntimeError as e:  # faiss reports its I/O errors as RuntimeError
            raise IndexNotWritableError(f"Cannot write the index in {self.index_dir} ({str(e).splitlines()[0][:200]}).",
                                        WRITABLE_HINT) from None

    def remove(self, name: str) -> None:
        """Remove a file (or a directory) of an older index format."""
        path = self.index_dir / name
        _clear(path)
        path.unlink(missing_ok=True)


def _clear(path: Path) -> None:
    """Remove a directory standing at a path the builder owns (a file is simply replaced)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
