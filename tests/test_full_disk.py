"""A full disk during `collection add` is a sentence, and nothing half-written is left behind
(no staging copy, no embedding-cache leftovers), so the next small add still fits. The disk is a
small tmpfs the test mounts (as root) and unmounts."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from explorer.ingest.changes import Upload, add_files
from explorer.settings import Config
from explorer.story.collections import CollectionError, Store
from tests.fakes import HashEncoder

DISK_MB = 4


@pytest.fixture
def small_disk():
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    folder = Path(tempfile.mkdtemp(prefix="full-disk-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_MB}m", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:  # a file still open (a failed test's) makes umount busy: detach lazily then
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()


def used(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def big_document() -> bytes:
    """An invented ledger of several MB of distinct paragraphs: more than the disk holds once embedded."""
    return "\n\n".join(f"Ledger line {n}: the invented harbour board of Port Vell paid invoice {n * 7919} to "
                       f"supplier {n % 97} for work order {n * 31} on the lighthouse, quay {n % 13}." for n in range(12000)).encode()


def test_a_full_disk_is_a_sentence_and_leaves_nothing_half_written(small_disk):
    root = small_disk / "collections"
    store = Store(root)
    store.create("desk")
    config = Config(model="hash-encoder", quantize=False, collections_dir=root)
    note = Upload("note.txt", b"An invented note: the harbour board met on Tuesday.")
    assert add_files(store, "desk", [note], config, HashEncoder)[0].status == "added"
    before = used(root)
    with pytest.raises(CollectionError, match="The disk is full.*Free some space"):
        add_files(store, "desk", [Upload("ledger.txt", big_document())], config, HashEncoder)
    assert not list(root.glob("desk/versions/.staging-*")), "a staging copy was left behind"
    assert not list(root.glob("desk/*-wal")) or all(p.stat().st_size == 0 for p in root.glob("desk/*-wal"))
    assert used(root) <= before + 64 * 1024, "the failed add kept space"
    assert [d.source_name for d in store.get("desk").documents] == ["note.txt"]
    second = Upload("second.txt", b"A second invented note: the lighthouse will be repainted in spring.")
    assert add_files(store, "desk", [second], config, HashEncoder)[0].status == "added"
