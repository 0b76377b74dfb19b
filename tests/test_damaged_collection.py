"""A damaged collection folder (a truncated collection.json, a broken `current` link) ends in one
sentence saying what is damaged and what to do: in the core, the CLI and the pages."""

import os
import subprocess
import sys

import pytest

from explorer.ingest.changes import Upload, add_files
from explorer.settings import Config
from explorer.story.collections import MANIFEST, CollectionError, Store
from tests.conftest import ROOT
from tests.fakes import HashEncoder

pytestmark = pytest.mark.slow  # it runs pages and child processes on damaged folders


def truncate_manifest(root):
    manifest = root / "desk" / "current" / MANIFEST
    manifest.write_bytes(manifest.read_bytes()[:40])


def break_current_link(root):
    current = root / "desk" / "current"
    target = current.resolve()
    os.rename(target, target.with_name(target.name + "-gone"))


DAMAGES = {"truncated collection.json": (truncate_manifest, "cut short or garbled"),
           "broken current link": (break_current_link, "points at a version that is missing")}


@pytest.fixture(params=list(DAMAGES))
def damaged(request, tmp_path):
    root = tmp_path / "collections"
    store = Store(root)
    store.create("desk")
    add_files(store, "desk", [Upload("note.txt", b"An invented note about the harbour board's lighthouse.")],
              Config(model="hash-encoder", quantize=False, collections_dir=root), HashEncoder)
    damage, words = DAMAGES[request.param]
    damage(root)
    return root, words


def cli(*args, root):
    return subprocess.run([sys.executable, "-m", "explorer", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "EXPLORER_COLLECTIONS_DIR": str(root)}, timeout=120)


def test_opening_a_damaged_collection_is_a_collection_error_naming_the_damage(damaged):
    root, words = damaged
    with pytest.raises(CollectionError, match=f"Collection 'desk' is damaged: .*{words}.*Restore the folder"):
        Store(root).get("desk")


def test_the_cli_says_a_damaged_collection_in_one_sentence_not_a_traceback(damaged):
    root, words = damaged
    shown = cli("collection", "show", "desk", root=root)
    assert shown.returncode == 1 and "Traceback" not in shown.stderr, shown.stderr
    assert shown.stderr.startswith("error: Collection 'desk' is damaged") and words in shown.stderr
    listed = cli("collection", "list", root=root)
    assert listed.returncode == 0 and "Traceback" not in listed.stderr, listed.stderr
    assert "desk" in listed.stdout and "is damaged" in listed.stdout


def test_a_page_given_a_damaged_collection_shows_a_sentence_not_an_error_box(damaged, monkeypatch):
    from tests.apptest import open_page
    from ui import loaders

    monkeypatch.setenv("EXPLORER_COLLECTIONS_DIR", str(damaged[0]))
    loaders.config.clear()
    try:
        at = open_page("pages/search.py", {"c": "desk", "q": "lighthouse"})
    finally:
        loaders.config.clear()
    assert not at.exception, [e.value for e in at.exception]
    assert any("desk" in w.value for w in at.warning) or any("desk" in e.value for e in at.error)
