"""Fault injection over every index file, in every way (tests/index_faults.py lists them), in a
writable folder and in a read-only one.

We run as root, which reads and writes through permission bits, so the damaged indexes are
checked by a child process running as user `nobody` (setpriv): a file we chmod 000 is then
really unreadable, and a folder owned by root really read-only. The child runs from a
world-readable copy of the code and interpreter (tests/nobody.py), so this works wherever the
checkout is, a private 0700 folder included. Every case must end in a rebuild
that serves the same hits as before the fault (writable folder) or in a message naming the
problem and the fix (read-only folder), and the damaged index must never be served.
"""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from explorer.errors import IndexNotWritableError
from explorer.store.index import build_index, ensure_index
from explorer.settings import Config
from tests import index_faults
from tests.fakes import HashEncoder
from tests.nobody import AS_NOBODY, NOBODY, SETPRIV, project_code, python_for_nobody

pytestmark = pytest.mark.slow  # every fault is checked by a child process running as another user

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def world():
    """A corpus and a pristine index in a folder user nobody can read, and the hits it serves."""
    folder = Path(tempfile.mkdtemp(prefix="index-faults-"))
    folder.chmod(0o755)
    corpus = folder / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    pristine = folder / "pristine"
    build_index(corpus, pristine, HashEncoder(), exact_limit=50_000)
    config = Config(model="hash-encoder", quantize=False, corpus_dir=corpus, index_dir=pristine)
    child = (python_for_nobody(folder), project_code(folder)) if SETPRIV and os.geteuid() == 0 else None
    yield folder, corpus, pristine, index_faults.hits(config), child
    shutil.rmtree(folder, ignore_errors=True)


def _chown_tree(path: Path, uid: int) -> None:
    os.chown(path, uid, uid)
    for item in path.rglob("*"):
        os.chown(item, uid, uid)


def _run_as_nobody(jobs: dict, world) -> dict:
    folder, python, code = world[0], *world[4]
    spec = folder / f"jobs-{len(jobs)}.json"
    spec.write_text(json.dumps(jobs))
    spec.chmod(0o644)
    done = subprocess.run([*AS_NOBODY, python, "-m", "tests.index_faults", str(spec)],
                          cwd=code, capture_output=True, text=True, timeout=600,
                          env={"PATH": os.environ.get("PATH", ""), "HOME": str(folder)})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def outcomes(world):
    """Every (file, fault) case in a writable and in a read-only folder, evaluated as nobody."""
    if SETPRIV is None or os.geteuid() != 0:
        pytest.skip("needs root and setpriv to make files unreadable to the checking process")
    folder, corpus, pristine = world[:3]
    jobs = {}
    for name, fault in index_faults.cases():
        for kind in ("writable", "read-only"):
            index = folder / f"{kind}-{name}-{fault}"
            shutil.copytree(pristine, index)
            (index / ".build.lock").unlink(missing_ok=True)
            index_faults.apply(index, name, fault)
            if kind == "writable":
                _chown_tree(index, NOBODY)
                if fault == "unreadable":
                    os.chown(index / name, 0, 0)  # root's, mode 000: nobody may replace it, not read it
            else:
                index.chmod(0o755)  # root's: nobody cannot write in it
            jobs[f"{kind}|{name}|{fault}"] = (str(corpus), str(index))
    return _run_as_nobody(jobs, world)


@pytest.mark.parametrize("name,fault", index_faults.cases())
def test_a_damaged_index_in_a_writable_folder_is_rebuilt_and_serves_the_same_hits(world, outcomes, name, fault):
    result = outcomes[f"writable|{name}|{fault}"]
    assert result["served_damaged"] is None, "the damaged index was served"
    assert result["error"] is None, result["error"]
    assert result["action"] == "built"
    assert result["hits"] == world[3]


@pytest.mark.parametrize("name,fault", index_faults.cases())
def test_a_damaged_index_in_a_read_only_folder_ends_in_a_message_saying_what_to_set(outcomes, name, fault):
    result = outcomes[f"read-only|{name}|{fault}"]
    assert result["served_damaged"] is None, "the damaged index was served"
    assert result["error_type"] == "IndexNotWritableError", result["error"]
    assert "read-only" in result["error"] and "EXPLORER_INDEX_DIR" in result["error"]


def test_an_index_path_that_is_a_file_is_a_message_not_a_traceback(world, tmp_path):
    corpus = world[1]
    path = tmp_path / "index"
    path.write_text("not a folder")
    config = Config(model="hash-encoder", quantize=False, corpus_dir=corpus, index_dir=path)
    with pytest.raises(IndexNotWritableError, match="is a file, not a folder.*EXPLORER_INDEX_DIR"):
        ensure_index(config, HashEncoder)


def test_a_fresh_index_is_served_without_writing(world):
    """A valid index in a read-only folder is served: only a rebuild needs to write."""
    folder, corpus, pristine, expected, child = world
    if child is None:
        pytest.skip("needs root and setpriv")
    index = folder / "read-only-fresh"
    shutil.copytree(pristine, index)
    index.chmod(0o755)
    outcome = _run_as_nobody({"fresh": (str(corpus), str(index))}, world)["fresh"]
    assert outcome["action"] == "fresh" and outcome["hits"] == expected == outcome["served_damaged"]
