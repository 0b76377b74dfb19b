"""Collections: create, add, remove, list; incremental embedding; atomic swaps; duplicates."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from explorer.story import collections
from explorer.story.collections import CollectionError
from explorer.ingest.changes import Upload, add_files, remove
from explorer.settings import Config
from tests.conftest import ROOT
from tests.fakes import HashEncoder
from tests.fixtures import two_page_pdf
from tests.desk import config, store  # noqa: F401 (pytest fixtures: a desk collection, the hash encoder)


class CountingEncoder(HashEncoder):
    def __init__(self):
        self.encoded = []

    def encode(self, texts, batch_size=32):
        self.encoded += list(texts)
        return super().encode(texts, batch_size)


MEMO = Upload("memo.md", b"# Ministry memo\n\nThe ministry was not told about the deal in advance.\n\n"
                          b"A second paragraph names the regulator and the merger rules.\n")
NOTE = Upload("note.txt", b"Field note\n\nThe egress fee waiver applies to customers leaving the cloud.\n")


def search(collection, config, query):
    from explorer.search.engine import Engine

    engine = Engine.open(collection.config(config), build=False)  # keyword mode: no model needed
    return [h.passage for h in engine.search(query, mode="keyword", k=10).hits]


def test_added_documents_are_searchable_and_listed(store, config):
    results = add_files(store, "desk", [MEMO, NOTE], config, CountingEncoder)
    assert [r.status for r in results] == ["added", "added"]
    desk = store.get("desk")
    assert {d.source_name for d in desk.documents} == {"memo.md", "note.txt"}
    hits = search(desk, config, "egress waiver")
    assert hits and "egress fee waiver" in hits[0].text


def test_re_adding_a_file_is_skipped_and_embeds_nothing(store, config):
    add_files(store, "desk", [MEMO], config, CountingEncoder)
    again = CountingEncoder()
    results = add_files(store, "desk", [MEMO], config, lambda: again)
    assert results[0].status == "skipped" and "already in the collection" in results[0].message
    assert again.encoded == []


def test_adding_a_document_embeds_only_its_new_passages(store, config):
    add_files(store, "desk", [MEMO], config, CountingEncoder)
    second = CountingEncoder()
    add_files(store, "desk", [NOTE], config, lambda: second)
    assert second.encoded and all("ministry" not in t.lower() for t in second.encoded)


def test_removing_a_document_removes_its_hits_and_nothing_else(store, config):
    add_files(store, "desk", [MEMO, NOTE], config, CountingEncoder)
    before = search(store.get("desk"), config, "ministry regulator egress")
    assert {p.doc for p in before} and len({p.doc for p in before}) == 2
    rebuild = CountingEncoder()
    remove(store, "desk", "note.txt", config, lambda: rebuild)
    after = search(store.get("desk"), config, "ministry regulator egress")
    assert all("egress" not in p.text for p in after) and any("ministry" in p.text for p in after)
    assert rebuild.encoded == []  # the memo's passages came from the cache


def test_a_bad_file_fails_alone(store, config):
    bad = Upload("scan.pdf", b"%PDF-1.4\n% not really a pdf\n")
    results = add_files(store, "desk", [bad, NOTE], config, CountingEncoder)
    assert [r.status for r in results] == ["failed", "added"]
    assert results[0].message and "Traceback" not in results[0].message


def test_names_are_checked_and_the_bundled_story_is_read_only(store, tmp_path):
    for bad in ("../etc", "Desk", "", "mistral", "a" * 41):
        with pytest.raises(CollectionError):
            store.create(bad)
    with pytest.raises(CollectionError, match="no collection"):
        collections.resolve(Config(collections_dir=tmp_path / "collections"), "nope")
    assert collections.resolve(Config(), None).read_only


KILLED_ADD = textwrap.dedent('''
    import os, sys, time
    sys.path.insert(0, {root!r})
    from explorer.story.collections import Store
    from explorer.ingest.changes import Upload, add_files
    from explorer.settings import Config
    from tests.fakes import HashEncoder

    class Slow(HashEncoder):
        def encode(self, texts, batch_size=32):
            print("encoding", flush=True)
            time.sleep(60)

    store = Store({folder!r})
    add_files(store, "desk", [Upload("late.txt", b"Late document\\n\\nThis text must never be half added.\\n")],
              Config(model="hash-encoder", quantize=False), Slow)
''')


def test_a_killed_add_leaves_the_collection_as_it_was(store, config):
    add_files(store, "desk", [MEMO], config, CountingEncoder)
    before = store.get("desk")
    script = KILLED_ADD.format(root=str(ROOT), folder=str(store.root))
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "encoding"  # killed in the middle of the add
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    after = store.get("desk")
    assert after == before
    assert [p.text for p in search(after, config, "ministry")] == [p.text for p in search(before, config, "ministry")]
    add_files(store, "desk", [NOTE], config, CountingEncoder)  # and it still takes changes
    assert len(store.get("desk").documents) == 2


def test_a_phrase_from_page_two_of_a_pdf_is_found_with_its_page(store, config):
    results = add_files(store, "desk", [Upload("decision.pdf", two_page_pdf(
        "Decision of the regulator\n\nThe first page sets out the background of the case.",
        "The second page finds no material influence over the startup."))], config, CountingEncoder)
    assert results[0].status == "added", results[0].message
    hits = search(store.get("desk"), config, "material influence")
    assert hits[0].locator.startswith("p. 2 ") and "material influence" in hits[0].text
    assert hits[0].kind == "document"


def test_the_pages_document_list_follows_adds_and_removes(store, config):
    """The pages key a collection's document list by its published version folder alone (no stat
    of every file, ui.loaders.documents). That is right only because every change publishes a new
    folder and never writes into one already published."""
    from ui import loaders

    add_files(store, "desk", [MEMO], config, CountingEncoder)
    first = store.get("desk")
    written = {p: p.stat().st_mtime_ns for p in first.corpus_dir.rglob("*")}
    assert [d.title for d in loaders.documents(first)] == ["Ministry memo"]
    add_files(store, "desk", [NOTE], config, CountingEncoder)
    second = store.get("desk")
    assert second.corpus_dir != first.corpus_dir
    assert sorted(d.title for d in loaders.documents(second)) == ["Field note", "Ministry memo"]
    if first.corpus_dir.exists():  # an older version, if kept, is untouched
        assert {p: p.stat().st_mtime_ns for p in first.corpus_dir.rglob("*")} == written
    remove(store, "desk", "memo.md", config, CountingEncoder)
    assert [d.title for d in loaders.documents(store.get("desk"))] == ["Field note"]
